/**
 * The provider pattern table: one entry per credential format with a recognisable shape. Formats
 * come from the providers' own documentation (token prefixes and lengths); the references are on
 * the docs pages of the rules that report them.
 *
 * Every regex is linear-time: no quantified group contains another quantifier (checked by
 * `test/rules/secrets/patterns.test.ts` with `regex-safety.ts`), every repetition of a class is
 * bounded or followed by something the class cannot match, and lookarounds stand for word
 * boundaries so a match inside a longer identifier does not count.
 *
 * Order matters: a later entry's match that overlaps an earlier entry's is dropped (an Anthropic
 * key is not also an OpenAI-style `sk-` key; a database URL is not also a generic URL password).
 */
import { hasValidTokenChecksum } from './checksum';
import { decodeBase64Url } from './jwt';
import { isDocumentedExample, isPlaceholder } from './values';
import type { Range } from '../../engine/types';
import { SpanSet } from './spans';

/** Which rule reports a pattern's matches. */
export type PatternOwner = 'private-key' | 'aws-access-key' | 'provider-token' | 'jwt';

export interface PatternContext {
  text: string;
  /** Where the reported part starts and ends in `text`. */
  start: number;
  end: number;
}

export interface SecretPattern {
  id: string;
  provider: string;
  /** What a match is, for messages: "a GitHub personal access token". */
  kind: string;
  /**
   * Global, with the `d` flag when a `secret` group marks the part to report (the password of a
   * URL); otherwise the whole match is reported.
   */
  regex: RegExp;
  /**
   * A cheap test (no lookbehind, a literal to search for, not global) that every text holding a
   * match passes; the pattern's own regex, tried at every position, is skipped when it fails.
   */
  hint?: RegExp;
  owner: PatternOwner;
  /** The environment variable a handler should read the value from instead. */
  environmentName: string;
  /** A check beyond the shape (a checksum, a neighbour) that cuts false positives. */
  validate?(secret: string, context: PatternContext): boolean;
}

export interface PatternMatch {
  pattern: SecretPattern;
  /** The reported part: the token, or the password inside a URL. */
  range: Range;
  secret: string;
}

/** The AWS key id formats: `AKIA` long-term, `ASIA`/`ABIA` STS-issued, `ACCA` context-specific. */
export const ACCESS_KEY_ID = /(?<![A-Za-z0-9_])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9_])/g;

/**
 * How many lines, and at most how many characters each way, around a secret access key are
 * searched for the key id that gives it away. The character cap keeps a minified line full of
 * forty-character words from being rescanned once per word.
 */
const ACCESS_KEY_NEIGHBOURHOOD_LINES = 5;
const ACCESS_KEY_NEIGHBOURHOOD_CHARACTERS = 1000;

const DATABASE_SCHEMES =
  'postgres|postgresql|mysql|mariadb|mongodb|mongodb\\+srv|redis|rediss|mssql|sqlserver|oracle|cockroachdb|couchdb|neo4j|neo4j\\+s';

/** The table, in precedence order. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'private-key',
    provider: 'PEM',
    kind: 'a private key',
    // The header names the key type; the body is checked by `validate`.
    regex: /-----BEGIN ((RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY( BLOCK)?)-----/g,
    hint: /-----BEGIN /,
    owner: 'private-key',
    environmentName: 'PRIVATE_KEY',
    validate: (_secret, context) => hasKeyBody(context.text, context.end),
  },
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    kind: 'an AWS access key id',
    regex: ACCESS_KEY_ID,
    hint: /A(KI|SI|BI|CC)A/,
    owner: 'aws-access-key',
    environmentName: 'AWS_ACCESS_KEY_ID',
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    kind: 'an AWS secret access key',
    // Forty characters of base64 have no marker of their own: only an access key id near them
    // makes them a secret access key, and real ones mix cases and digits (a SHA-1 does not).
    regex: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    owner: 'aws-access-key',
    environmentName: 'AWS_SECRET_ACCESS_KEY',
    validate: (secret, context) =>
      /[a-z]/.test(secret) && /[A-Z]/.test(secret) && /[0-9]/.test(secret) && hasAccessKeyIdNear(context),
  },
  githubToken('github-personal-access-token', 'ghp', 'a GitHub personal access token'),
  githubToken('github-oauth-token', 'gho', 'a GitHub OAuth access token'),
  githubToken('github-user-to-server-token', 'ghu', 'a GitHub App user access token'),
  githubToken('github-server-to-server-token', 'ghs', 'a GitHub App installation token'),
  githubToken('github-refresh-token', 'ghr', 'a GitHub refresh token'),
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    kind: 'a GitHub fine-grained personal access token',
    // No published checksum for this format, so the layout (22 + `_` + 59) is the only check.
    regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
    hint: /github_pat_/,
    owner: 'provider-token',
    environmentName: 'GITHUB_TOKEN',
  },
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    kind: 'a GitLab token',
    // GitLab's documented prefixes: personal/project/group access tokens, OAuth application
    // secrets, deploy, runner, CI job, trigger, feed, incoming mail, agent, SCIM and feature flag tokens.
    regex: /(?<![A-Za-z0-9_-])(glpat|gloas|gldt|glrt|glcbt|glptt|glft|glimt|glagent|glsoat|glffct)-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])/g,
    hint: /gl[a-z]{1,5}-/,
    owner: 'provider-token',
    environmentName: 'GITLAB_TOKEN',
  },
  {
    id: 'slack-token',
    provider: 'Slack',
    kind: 'a Slack token',
    // Bot, user, app-level and legacy tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxo-`, `xoxr-`, `xoxs-`),
    // rotating refresh tokens (`xoxe-1-`, `xoxe.xoxp-1-`) and app-level tokens (`xapp-1-`).
    regex: /(?<![A-Za-z0-9-])(xox[abposr]-[0-9]{8,14}|xoxe(\.xox[bp])?-[0-9]|xapp-[0-9])-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g,
    hint: /xox|xapp-/,
    owner: 'provider-token',
    environmentName: 'SLACK_TOKEN',
  },
  {
    id: 'slack-webhook',
    provider: 'Slack',
    kind: 'a Slack webhook URL',
    regex:
      /https:\/\/hooks\.slack\.com\/(services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,14}|(workflows|triggers)\/T[A-Z0-9]{6,12}\/A[A-Z0-9]{6,14}\/[0-9]{6,25})\/[A-Za-z0-9]{16,40}(?![A-Za-z0-9])/g,
    hint: /hooks\.slack\.com\//,
    owner: 'provider-token',
    environmentName: 'SLACK_WEBHOOK_URL',
  },
  {
    id: 'stripe-live-key',
    provider: 'Stripe',
    kind: 'a Stripe live API key',
    // Secret (`sk_live_`) and restricted (`rk_live_`) keys; test keys and publishable keys are not secrets.
    regex: /(?<![A-Za-z0-9_])(sk|rk)_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g,
    hint: /k_live_/,
    owner: 'provider-token',
    environmentName: 'STRIPE_SECRET_KEY',
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    kind: 'a Twilio API key',
    regex: /(?<![A-Za-z0-9_])SK[0-9a-f]{32}(?![A-Za-z0-9_])/g,
    hint: /SK[0-9a-f]/,
    owner: 'provider-token',
    environmentName: 'TWILIO_API_KEY',
  },
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    kind: 'a SendGrid API key',
    regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    hint: /SG\./,
    owner: 'provider-token',
    environmentName: 'SENDGRID_API_KEY',
  },
  {
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    kind: 'a Mailgun API key',
    // The legacy `key-` form and the current 32-8-8 hex form.
    regex: /(?<![A-Za-z0-9_-])(key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9_-])/g,
    owner: 'provider-token',
    environmentName: 'MAILGUN_API_KEY',
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    kind: 'a Google API key',
    regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    hint: /AIza/,
    owner: 'provider-token',
    environmentName: 'GOOGLE_API_KEY',
  },
  {
    id: 'azure-storage-account-key',
    provider: 'Azure',
    kind: 'an Azure storage account key',
    // 64 bytes of base64 after `AccountKey=` in a storage connection string.
    regex: /(?<=[Aa]ccount[Kk]ey=)[A-Za-z0-9+/]{86}==/g,
    hint: /ccount[Kk]ey=/,
    owner: 'provider-token',
    environmentName: 'AZURE_STORAGE_CONNECTION_STRING',
  },
  {
    id: 'azure-shared-access-key',
    provider: 'Azure',
    kind: 'an Azure shared access key',
    // Service Bus, Event Hubs and IoT Hub connection strings: 32 bytes of base64.
    regex: /(?<=[Ss]hared[Aa]ccess[Kk]ey=)[A-Za-z0-9+/]{43}=/g,
    hint: /hared[Aa]ccess[Kk]ey=/,
    owner: 'provider-token',
    environmentName: 'SERVICE_BUS_CONNECTION_STRING',
  },
  {
    id: 'azure-sas-signature',
    provider: 'Azure',
    kind: 'an Azure shared access signature',
    // `sig=` is an HMAC-SHA256 in base64, URL-encoded in URLs; `sv=` (the service version) next
    // to it tells an Azure SAS from other signed URLs.
    regex: /(?<=[?&;]sig=)[A-Za-z0-9%+/=]{43,130}/g,
    hint: /sig=/,
    owner: 'provider-token',
    environmentName: 'AZURE_STORAGE_SAS_URL',
    validate: (secret, context) => isSasSignature(secret) && /[?&;]sv=[0-9]{4}-/.test(lineAround(context)),
  },
  {
    id: 'connection-string-password',
    provider: 'SQL Server / ADO.NET',
    kind: 'a connection string password',
    regex: /(?<=(^|[;"'\s])(Password|Pwd)[ ]{0,4}=[ ]{0,4})[^;"'\s<>{}]{4,200}/gi,
    hint: /p(assword|wd)/i,
    owner: 'provider-token',
    environmentName: 'DB_CONNECTION_STRING',
    // Only in a connection string: a server or user key on the same line.
    validate: (secret, context) =>
      isUrlPassword(secret) && /(^|[;"'\s])(Server|Data Source|Host|Address|User ID|UID|Initial Catalog|Database)[ ]{0,4}=/i.test(lineAround(context)),
  },
  {
    id: 'database-url',
    provider: 'database',
    kind: 'a password in a database URL',
    regex: new RegExp(`(?<![A-Za-z0-9+.-])(${DATABASE_SCHEMES})://[^\\s:/?#@'"\`]{1,100}:(?<secret>[^\\s@/?#'"\`]{1,200})@`, 'gd'),
    hint: /:\/\//,
    owner: 'provider-token',
    environmentName: 'DATABASE_URL',
    validate: isUrlPassword,
  },
  {
    id: 'url-password',
    provider: 'URL',
    kind: 'a password in a URL',
    regex: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#@'"`]{1,100}:(?<secret>[^\s@/?#'"`]{1,200})@/dg,
    hint: /:\/\//,
    owner: 'provider-token',
    environmentName: 'SERVICE_URL',
    validate: isUrlPassword,
  },
  {
    id: 'npm-token',
    provider: 'npm',
    kind: 'an npm access token',
    regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    hint: /npm_/,
    owner: 'provider-token',
    environmentName: 'NPM_TOKEN',
    validate: hasValidTokenChecksum,
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    kind: 'an Anthropic API key',
    regex: /(?<![A-Za-z0-9_-])sk-ant-(api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/g,
    hint: /sk-ant-/,
    owner: 'provider-token',
    environmentName: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    kind: 'an OpenAI API key',
    // User, project, service account and admin keys carry `T3BlbkFJ` ("OpenAI" in base64) inside.
    regex: /(?<![A-Za-z0-9_-])sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}T3BlbkFJ[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    hint: /T3BlbkFJ/,
    owner: 'provider-token',
    environmentName: 'OPENAI_API_KEY',
  },
  {
    id: 'jwt',
    provider: 'JWT',
    kind: 'a JSON Web Token',
    // A header and a payload that are base64url JSON objects (`eyJ` is `{"`), then the signature,
    // which is empty for an unsigned token.
    regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])/g,
    hint: /eyJ/,
    owner: 'jwt',
    environmentName: 'JWT',
    validate: isJwt,
  },
];

function githubToken(id: string, prefix: string, kind: string): SecretPattern {
  return {
    id,
    provider: 'GitHub',
    kind,
    regex: new RegExp(`(?<![A-Za-z0-9_])${prefix}_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, 'g'),
    hint: new RegExp(`${prefix}_`),
    owner: 'provider-token',
    environmentName: 'GITHUB_TOKEN',
    validate: hasValidTokenChecksum,
  };
}

/**
 * Every match of every pattern in `text`, in table order then position, later overlapping matches
 * dropped. Placeholders (`ghp_xxxx…`) and published examples are left out.
 */
export function scanPatterns(text: string): PatternMatch[] {
  const accepted: PatternMatch[] = [];
  const taken = new SpanSet();
  for (const pattern of SECRET_PATTERNS) {
    if (pattern.hint && !pattern.hint.test(text)) continue;
    for (const match of text.matchAll(pattern.regex)) {
      const groupRange = match.indices?.groups?.['secret'];
      const start = groupRange ? groupRange[0] : match.index;
      const end = groupRange ? groupRange[1] : match.index + match[0].length;
      const secret = text.slice(start, end);
      if (isPlaceholder(secret) || isDocumentedExample(secret)) continue;
      if (pattern.validate && !pattern.validate(secret, { text, start, end })) continue;
      const whole = { start: match.index, end: match.index + match[0].length };
      if (taken.overlaps(whole)) continue;
      taken.add({ start, end });
      accepted.push({ pattern, range: { start, end }, secret });
    }
  }
  return accepted.sort((a, b) => a.range.start - b.range.start);
}

/** The text of the line around a match (at most 600 characters each way). */
function lineAround(context: PatternContext): string {
  const from = Math.max(0, context.start - 600);
  const to = Math.min(context.text.length, context.end + 600);
  const before = context.text.slice(from, context.start);
  const after = context.text.slice(context.end, to);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const breakAfter = after.search(/[\r\n]/);
  return before.slice(lineStart) + context.text.slice(context.start, context.end) + (breakAfter < 0 ? after : after.slice(0, breakAfter));
}

/** The lines within {@link ACCESS_KEY_NEIGHBOURHOOD_LINES} of a match hold an AWS access key id. */
function hasAccessKeyIdNear(context: PatternContext): boolean {
  const lowest = Math.max(0, context.start - ACCESS_KEY_NEIGHBOURHOOD_CHARACTERS);
  const highest = Math.min(context.text.length, context.end + ACCESS_KEY_NEIGHBOURHOOD_CHARACTERS);
  let from = context.start;
  for (let lines = 0; from > lowest && lines <= ACCESS_KEY_NEIGHBOURHOOD_LINES; from--) {
    if (context.text[from - 1] === '\n') lines++;
  }
  let to = context.end;
  for (let lines = 0; to < highest && lines <= ACCESS_KEY_NEIGHBOURHOOD_LINES; to++) {
    if (context.text[to] === '\n') lines++;
  }
  const window = context.text.slice(from, to);
  const ids = new RegExp(ACCESS_KEY_ID.source, 'g');
  for (const match of window.matchAll(ids)) {
    if (!isDocumentedExample(match[0])) return true;
  }
  return false;
}

/**
 * How far after a PEM header its `-----END` line is looked for: more than an 8192-bit RSA key
 * takes even with escaped line breaks. Bounded so that many headers without an end (a scanner's
 * own source, generated data) are not each searched to the end of the file.
 */
export const MAX_PEM_BLOCK_LENGTH = 16_000;

/**
 * The offset of the `-----END` marker of a PEM block whose header ends at `headerEnd`, or -1. A
 * body never holds `-----`, so the next one is this block's end or the next block's header.
 */
export function pemEndMarker(text: string, headerEnd: number): number {
  const found = text.slice(headerEnd, headerEnd + MAX_PEM_BLOCK_LENGTH).indexOf('-----');
  return found >= 0 && text.startsWith('-----END', headerEnd + found) ? headerEnd + found : -1;
}

/**
 * A PEM block with a body: at least 64 base64 characters between the header and the `-----END`
 * line (or, when the block is cut off, up to the next marker or 4,000 characters). A header alone, in docs or a
 * parser's source, is not a key.
 */
function hasKeyBody(text: string, headerEnd: number): boolean {
  const endMarker = pemEndMarker(text, headerEnd);
  const nextMarker = text.slice(headerEnd, headerEnd + 4000).indexOf('-----');
  const body = text.slice(headerEnd, endMarker >= 0 ? endMarker : headerEnd + (nextMarker < 0 ? 4000 : nextMarker));
  // Escaped line breaks (`\n` in JSON and JS strings) are not key material.
  const material = body.replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/]/g, '');
  return material.length >= 64 && !isPlaceholder(material);
}

/** A 32-byte HMAC in base64 (44 characters with one `=`), URL-encoded or not. */
function isSasSignature(secret: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    return false;
  }
  return /^[A-Za-z0-9+/]{43}=$/.test(decoded);
}

/** A URL password that is not a placeholder or a port mistaken for one. */
function isUrlPassword(secret: string): boolean {
  return !/^[0-9]{1,5}$/.test(secret) && !secret.includes('${') && !secret.startsWith('$') && !secret.startsWith('%');
}

/** A header and payload that decode to JSON objects, the header naming its algorithm. */
function isJwt(secret: string): boolean {
  const [header, payload] = secret.split('.');
  const headerJson = parseJsonObject(decodeBase64Url(header ?? ''));
  const payloadJson = parseJsonObject(decodeBase64Url(payload ?? ''));
  return headerJson !== undefined && typeof headerJson['alg'] === 'string' && payloadJson !== undefined;
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
