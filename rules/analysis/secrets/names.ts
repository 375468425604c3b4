/**
 * Names that mean "this holds a secret": variable and property names in code, keys in YAML and
 * JSON, environment variable names, HTTP header names.
 *
 * A name is split into words (`dbPassword`, `DB_PASSWORD`, `db-password`, `dbpassword` all give
 * `db password`) and judged by its last meaningful word, because that is the noun: `password`
 * is a secret, `passwordPolicy`, `passwordLength` and `secretArn` are facts about one. `key` and
 * `token` are too common alone (`Key: 'invoices/a.png'` in S3, `NextToken` in every paginated
 * AWS API), so they count only with a qualifier that makes them credentials (`apiKey`, `authToken`).
 */

/**
 * How much a value must look like a credential before it is reported:
 * - `chosen`: passwords and secrets people type; any non-placeholder value of some length counts;
 * - `generated`: tokens and keys that services issue; the value must also look random.
 */
export type SecretTier = 'chosen' | 'generated';

export interface SecretName {
  tier: SecretTier;
  /** What the value is, for messages: `password`, `secret`, `token`, `API key`, `credential`. */
  label: string;
  /** True for `auth`/`authorization`: the value may be `user:password` or `Basic …`/`Bearer …`. */
  authorization: boolean;
}

/** Words after the noun that say nothing about what the value is (`API_KEY_PROD`, `tokenValue`). */
const NEUTRAL_WORDS: ReadonlySet<string> = new Set([
  'value',
  'val',
  'str',
  'string',
  'text',
  'raw',
  'plain',
  'plaintext',
  'literal',
  'b64',
  'base64',
  'hex',
  'encoded',
  'default',
  'dev',
  'development',
  'prod',
  'production',
  'staging',
  'stage',
  'local',
  'live',
  'old',
  'new',
  'current',
  'override',
  'fallback',
  'primary',
  'secondary',
]);

/** The nouns that name a credential, and what to call each in a message. */
const SECRET_NOUNS: ReadonlyMap<string, { tier: SecretTier; label: string }> = new Map([
  ['password', { tier: 'chosen', label: 'password' }],
  ['passwd', { tier: 'chosen', label: 'password' }],
  ['pwd', { tier: 'chosen', label: 'password' }],
  ['pass', { tier: 'chosen', label: 'password' }],
  ['passphrase', { tier: 'chosen', label: 'passphrase' }],
  ['secret', { tier: 'chosen', label: 'secret' }],
  ['token', { tier: 'generated', label: 'token' }],
  ['credential', { tier: 'generated', label: 'credential' }],
  ['credentials', { tier: 'generated', label: 'credential' }],
  ['creds', { tier: 'generated', label: 'credential' }],
  ['auth', { tier: 'generated', label: 'credential' }],
  ['authorization', { tier: 'generated', label: 'credential' }],
]);

/** Qualifiers that make `key` a credential: `apiKey`, `accessKey`, `signingKey`, `SECRET_KEY`. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'sign',
  'master',
  'encryption',
  'encrypt',
  'client',
  'app',
  'application',
  'account',
  'storage',
  'subscription',
  'shared',
  'service',
  'auth',
  'webhook',
  'hmac',
  'jwt',
  'session',
  'cookie',
  'consumer',
  'developer',
  'admin',
  'license',
  'sdk',
  'server',
  'ingest',
  'ingestion',
  'deploy',
  'integration',
  'partner',
  'merchant',
]);

/** Qualifiers that make `token` something other than a credential (AWS pagination, idempotency …). */
const NON_SECRET_TOKEN_QUALIFIERS: ReadonlySet<string> = new Set([
  'next',
  'continuation',
  'pagination',
  'page',
  'sync',
  'client',
  'request',
  'task',
  'idempotency',
  'cancel',
  'cancellation',
  'csrf',
  'xsrf',
  'resume',
  'start',
  'end',
  'stop',
  'change',
  'marker',
  'delimiter',
  'separator',
  'lexer',
  'parser',
  'max',
  'min',
  'query',
  'cursor',
  'notification',
  'device',
  'push',
  'registration',
  'sequence',
  'continue',
]);

/** Qualifiers that say the credential is meant to be public (`publicKey`, `publishableKey`). */
const PUBLIC_QUALIFIERS: ReadonlySet<string> = new Set(['public', 'publishable', 'pub', 'anon', 'anonymous']);

/**
 * `pass` is a password only after a word that owns one (`DB_PASS`, `smtpPass`); after others it
 * is a step (`firstPass`, `renderPass`).
 */
const PASS_OWNERS: ReadonlySet<string> = new Set([
  'db',
  'database',
  'smtp',
  'mail',
  'email',
  'user',
  'admin',
  'root',
  'ftp',
  'sftp',
  'ldap',
  'redis',
  'mysql',
  'postgres',
  'pg',
  'mongo',
  'mongodb',
  'sql',
  'proxy',
  'login',
  'auth',
  'account',
  'service',
  'app',
  'api',
]);

/** Whole names that look like a secret but are not one: the shell's working directory. */
const NOT_SECRETS: ReadonlySet<string> = new Set(['pwd', 'oldpwd']);

/** Compound nouns written as one lower-case word in YAML keys and headers (`apikey`, `clientsecret`). */
const COMPOUND_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'key', 'credentials', 'credential'];

/** `dbPassword`, `DB_PASSWORD`, `x-api-key`, `db.password` → `['db', 'password']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Splits a joined lower-case word at a known noun: `apikey` → `api key`, `clientsecret` → `client secret`. */
function splitCompound(word: string): string[] {
  for (const suffix of COMPOUND_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return [word.slice(0, -suffix.length), suffix];
  }
  return [word];
}

/**
 * What kind of secret a name announces, or undefined when it names something else. Judged on the
 * last word once neutral words (`_PROD`, `Value`) are dropped, with the word before it as qualifier.
 */
export function classifySecretName(name: string): Readonly<SecretName> | undefined {
  // A file repeats its names (`id`, `body`, `event`): each is classified once.
  const known = classified.get(name);
  if (known !== undefined || classified.has(name)) return known;
  if (classified.size >= MAX_CLASSIFIED_NAMES) classified.clear();
  const classification = classify(name);
  classified.set(name, classification);
  return classification;
}

const classified = new Map<string, Readonly<SecretName> | undefined>();
const MAX_CLASSIFIED_NAMES = 50_000;

function classify(name: string): SecretName | undefined {
  if (NOT_SECRETS.has(name.toLowerCase())) return undefined;
  const words = nameWords(name).flatMap(splitCompound);
  while (words.length > 1 && (NEUTRAL_WORDS.has(words[words.length - 1] ?? '') || /^[0-9]+$/.test(words[words.length - 1] ?? ''))) {
    words.pop();
  }
  const last = words[words.length - 1];
  const qualifier = words[words.length - 2];
  if (last === undefined) return undefined;
  if (qualifier !== undefined && PUBLIC_QUALIFIERS.has(qualifier)) return undefined;
  if (words.some((word) => PUBLIC_QUALIFIERS.has(word))) return undefined;

  if (last === 'key') {
    if (qualifier === undefined || !KEY_QUALIFIERS.has(qualifier)) return undefined;
    // `SECRET_KEY` is usually a value someone chose (Django, Flask); `API_KEY` one a service issued.
    if (qualifier === 'secret') return { tier: 'chosen', label: 'secret key', authorization: false };
    return { tier: 'generated', label: qualifier === 'api' ? 'API key' : `${qualifier} key`, authorization: false };
  }
  const noun = SECRET_NOUNS.get(last);
  if (!noun) return undefined;
  if (last === 'token' && qualifier !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(qualifier)) return undefined;
  if (last === 'pass' && qualifier !== undefined && !PASS_OWNERS.has(qualifier)) return undefined;
  return { ...noun, authorization: last === 'auth' || last === 'authorization' };
}

/** `stripeSecretKey` → `STRIPE_SECRET_KEY`: a name for an environment variable. */
export function toEnvironmentName(name: string): string {
  const words = nameWords(name);
  const result = words.join('_').toUpperCase();
  return /^[A-Z_]/.test(result) ? result : `SECRET_${result}`;
}
