/**
 * What a value is when it is not a secret: a reference to one kept elsewhere, a placeholder, a
 * documentation example, a hash. Every secret rule asks these first, so the rules agree on what is
 * quiet.
 *
 * These checks trade false negatives for fewer false positives: a real password that happens to
 * be `changeme` or `12345678` is not reported. Such values are guessed by any attacker anyway and
 * they are far more often fillers in samples and tests.
 */
import { isSequential } from './entropy';

/**
 * Values that point at a secret instead of holding it:
 * - Serverless Framework variables (`${ssm:…}`, `${env:…}`, `${self:…}`, `${file(…)}` …) and any
 *   other `${…}` substitution: the value is judged where it is written, not here;
 * - CloudFormation dynamic references `{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`,
 *   `{{resolve:ssm:…}}`;
 * - Azure App Service Key Vault references `@Microsoft.KeyVault(…)`;
 * - ARNs of a Secrets Manager secret, an SSM parameter or a KMS key (a name, not the secret).
 */
export function isReference(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed.includes('${') ||
    trimmed.includes('{{resolve:') ||
    /^@Microsoft\.KeyVault\(/i.test(trimmed) ||
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(trimmed)
  );
}

/** Whole values (lower case, punctuation removed) that stand for "put the real one here". */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'changeme',
  'changeit',
  'replaceme',
  'secret',
  'secrets',
  'password',
  'passwd',
  'pass',
  'pwd',
  'token',
  'apikey',
  'key',
  'privatekey',
  'accesskey',
  'secretkey',
  'credentials',
  'test',
  'testing',
  'todo',
  'tbd',
  'fixme',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'default',
  'empty',
  'foo',
  'bar',
  'foobar',
  'baz',
  'qux',
  'abc',
  'abc123',
  'mysecret',
  'supersecret',
  'mypassword',
  'mytoken',
  'notasecret',
  'notsecret',
  'unused',
  'disabled',
  'include',
  'omit',
  'sameorigin',
]);

/** Fragments that mark a value as a sample wherever they appear in it. */
const PLACEHOLDER_FRAGMENTS = [
  'xxxx',
  '****',
  '....',
  '<',
  '>',
  'example',
  'placeholder',
  'changeme',
  'change_me',
  'change-me',
  'replace_me',
  'replace-me',
  'replaceme',
  'your_',
  'your-',
  'yourtoken',
  'yourkey',
  'yoursecret',
  'yourpassword',
  'dummy',
  'redacted',
  'sample',
  'insert',
];

/**
 * True for values that are fillers rather than credentials: empty, made of one to three distinct
 * characters (`aaaaaaaa`, `0000-0000`) or holding a run of eight equal ones, sequential (`12345678`), a template variable (`$TOKEN`,
 * `%TOKEN%`, `{token}`, `{{ token }}`), or marked as a sample by a word such as `example`,
 * `<your-token>`, `xxxx`, `changeme`.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower.replace(/[^a-z0-9]/g, ''))) return true;
  if (PLACEHOLDER_FRAGMENTS.some((fragment) => lower.includes(fragment))) return true;
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed) || /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(trimmed)) return true;
  if (/^\{\{?[^{}]*\}?\}$/.test(trimmed)) return true;
  const compact = lower.replace(/[^a-z0-9]/g, '');
  // `key-000000…`, `sk_live_aaaaaaaa…`: a prefix and filler. No generated value repeats a
  // character eight times in a row.
  if (new Set(compact).size <= 3 || /(.)\1{7}/.test(compact)) return true;
  return isSequential(compact);
}

/**
 * Credentials printed in providers' own documentation: valid-looking, accepted nowhere, and
 * copied into countless samples. AWS's example key pair, the storage emulator's key and the token jwt.io shows by default.
 */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // Azurite's (and the old storage emulator's) well-known account key, the same on every machine.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** True for a provider's published example credential. */
export function isDocumentedExample(value: string): boolean {
  // AWS's documentation marks every sample key id and secret key with EXAMPLE at the end.
  return DOCUMENTED_EXAMPLES.has(value) || /EXAMPLE(KEY)?$/.test(value);
}

/**
 * Password hashes (bcrypt, argon2, crypt's SHA-256/512, LDAP `{SSHA}`) and subresource-integrity
 * or algorithm-prefixed digests: stored to check a secret, not to present one.
 */
export function isHashValue(value: string): boolean {
  return (
    /^\$2[abxy]?\$[0-9]{2}\$/.test(value) ||
    /^\$argon2(id|i|d)\$/.test(value) ||
    /^\$[156]\$/.test(value) ||
    /^\{(SHA|SSHA|SHA256|SSHA256|SHA512|SSHA512|MD5|SMD5)\}/i.test(value) ||
    /^(sha1|sha256|sha384|sha512|md5)[-:]/i.test(value)
  );
}

/**
 * Values that are names or locations rather than secrets: an environment variable's name
 * (`DB_PASSWORD`), a parameter path (`/prod/db/password`), a URL without credentials.
 */
export function isNameOrLocation(value: string): boolean {
  if (/^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(value)) return true;
  if (value.startsWith('/') && /^[A-Za-z0-9_./-]+$/.test(value) && value.split('/').length > 2) return true;
  if (/^https?:\/\/[^@\s/]+(\/[^@\s]*)?$/i.test(value)) return true;
  return false;
}
