/**
 * Credential-shaped test values, assembled when the tests run. None is written whole in the
 * repository: a committed string with a valid GitHub or npm checksum, or a Stripe live prefix,
 * would be blocked by hosting providers' push protection and reported by secret scanners, and
 * none of these values is accepted by any service.
 */
import { crc32, toBase62 } from '../../../rules/analysis/secrets/checksum';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = `${BASE62}+/`;
const HEX = '0123456789abcdef';

/** Deterministic random-looking text (a linear congruential generator), so ranges are stable. */
export function randomText(seed: number, length: number, alphabet: string = BASE62): string {
  let state = seed >>> 0;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    text += alphabet[(state >>> 8) % alphabet.length];
  }
  return text;
}

/** A GitHub/npm style token: prefix, 30 random base62 characters and their checksum. */
export function checksummedToken(prefix: string, seed: number): string {
  const body = randomText(seed, 30);
  return `${prefix}_${body}${toBase62(crc32(body), 6)}`;
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A signed-looking JWT whose payload has the given claims. */
export function jwt(claims: Record<string, unknown>, seed = 7): string {
  return `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64Url(JSON.stringify(claims))}.${randomText(seed, 43, `${BASE62}-_`)}`;
}

export const TOKENS = {
  githubPersonal: checksummedToken('ghp', 1),
  githubOAuth: checksummedToken('gho', 2),
  githubUserToServer: checksummedToken('ghu', 3),
  githubServerToServer: checksummedToken('ghs', 4),
  githubRefresh: checksummedToken('ghr', 5),
  githubFineGrained: `github_pat_${randomText(6, 22)}_${randomText(7, 59)}`,
  gitlab: `glpat-${randomText(8, 20)}`,
  slack: `xoxb-${randomText(9, 11, '0123456789')}-${randomText(10, 12, '0123456789')}-${randomText(11, 24)}`,
  slackWebhook: `https://hooks.slack.com/services/T${randomText(12, 8, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')}/B${randomText(13, 10, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')}/${randomText(14, 24)}`,
  stripe: `sk_${'live'}_${randomText(15, 24)}`,
  twilio: `SK${randomText(16, 32, HEX)}`,
  sendgrid: `SG.${randomText(17, 22)}.${randomText(18, 43)}`,
  mailgun: `key-${randomText(19, 32, HEX)}`,
  google: `AIza${randomText(20, 35)}`,
  azureAccountKey: `${randomText(21, 86, BASE64)}==`,
  azureSharedAccessKey: `${randomText(22, 43, BASE64)}=`,
  azureSasSignature: encodeURIComponent(`${randomText(23, 43, BASE64)}=`),
  npm: checksummedToken('npm', 24),
  anthropic: `sk-ant-api03-${randomText(25, 95, `${BASE62}-_`)}`,
  openai: `sk-proj-${randomText(26, 40)}T3BlbkFJ${randomText(27, 40)}`,
  awsSecretKey: randomText(28, 40, BASE64),
  rsaKeyBody: Array.from({ length: 6 }, (_, line) => randomText(29 + line, 64, BASE64)).join('\n'),
} as const;

/** The same token with one character of its checksum changed. */
export function withBadChecksum(token: string): string {
  const last = token[token.length - 1];
  return `${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
}
