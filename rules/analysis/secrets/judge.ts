/**
 * Deciding whether a value written under a secret-meaning name is a real credential. The name has
 * already said "secret"; the value decides, by its shape: not a placeholder, not a reference, long
 * enough, and for generated credentials random enough.
 */
import { characterClasses, shannonEntropy } from './entropy';
import type { SecretName } from './names';
import { isDocumentedExample, isHashValue, isNameOrLocation, isPlaceholder, isReference } from './values';

/** The minimum length of a password or secret someone chose; shorter ones are mostly fillers. */
const MIN_CHOSEN_LENGTH = 6;
/** The minimum length of an issued token or key. */
const MIN_GENERATED_LENGTH = 12;

/** Any value no rule reports: references, placeholders, published examples, hashes, names. */
export function isQuietValue(value: string): boolean {
  return isReference(value) || isPlaceholder(value) || isDocumentedExample(value) || isHashValue(value) || isNameOrLocation(value);
}

/**
 * True when a value looks issued by a service rather than typed: at least 12 characters without
 * spaces, with letters and digits and about 3 bits of entropy per character (random hex has 4,
 * base64 about 5, English words less than 3), or long and very random without digits.
 */
export function looksGenerated(value: string): boolean {
  if (value.length < MIN_GENERATED_LENGTH || /\s/.test(value)) return false;
  const classes = characterClasses(value);
  const entropy = shannonEntropy(value);
  if ((classes.lower || classes.upper) && classes.digit && entropy >= 3) return true;
  return value.length >= 20 && entropy >= 4;
}

export interface AuthorizationValue {
  /** `Basic`, `Bearer`, … as written, or `user:password` for a bare credential pair. */
  scheme: string;
  /** The credential after the scheme: what is masked and judged. */
  credential: string;
}

/** `Basic …`, `Bearer …`, `Token …`: the HTTP authorization schemes that carry a credential. */
export const AUTHORIZATION_SCHEME = /^(Basic|Bearer|Token|Bot|ApiKey|Key)[ ]+([^\s]+)$/i;

/**
 * An `Authorization` value that carries a real credential: `Basic` with `user:password` (plain or
 * base64), or another scheme with a generated token. Undefined for anything else.
 */
export function judgeAuthorization(value: string): AuthorizationValue | undefined {
  const match = AUTHORIZATION_SCHEME.exec(value.trim());
  if (!match) return undefined;
  const scheme = match[1] ?? '';
  const credential = match[2] ?? '';
  if (isQuietValue(credential)) return undefined;
  if (scheme.toLowerCase() === 'basic') {
    const pair = credential.includes(':') ? credential : decodeBase64(credential);
    return pair !== undefined && isCredentialPair(pair) ? { scheme, credential } : undefined;
  }
  return looksGenerated(credential) ? { scheme, credential } : undefined;
}

/** `user:password` with a password that is not a placeholder. */
export function isCredentialPair(value: string): boolean {
  const colon = value.indexOf(':');
  if (colon <= 0 || /\s/.test(value)) return false;
  const password = value.slice(colon + 1);
  return password.length >= 4 && !isQuietValue(password);
}

/**
 * The part of `value` to report when a name says it holds a secret, or undefined when the value
 * is not a credential. `auth`/`Authorization` values may carry a scheme or a `user:password` pair.
 */
export function judgeNamedValue(name: SecretName, value: string): string | undefined {
  const trimmed = value.trim();
  if (name.authorization || AUTHORIZATION_SCHEME.test(trimmed)) {
    const authorization = judgeAuthorization(trimmed);
    if (authorization) return trimmed;
    if (name.authorization && isCredentialPair(trimmed)) return trimmed;
  }
  // Values with spaces under a secret name are labels and prompts ("Enter your password").
  if (/\s/.test(trimmed) || isQuietValue(trimmed)) return undefined;
  if (name.tier === 'chosen') return Array.from(trimmed).length >= MIN_CHOSEN_LENGTH ? trimmed : undefined;
  return looksGenerated(trimmed) ? trimmed : undefined;
}

/** Printable text decoded from base64, or undefined when the value is not base64 of text. */
export function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}
