/**
 * Reading a JSON Web Token's claims without verifying it: enough to say when it expires, which
 * is what decides how dangerous a token in the source is.
 */

/** base64url (RFC 4648 §5, unpadded) to text, or undefined when it is not valid base64url. */
export function decodeBase64Url(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1) return undefined;
  return Buffer.from(value, 'base64url').toString('utf8');
}

/** The `exp` claim of a JWT, as a date, when the payload has a numeric one. */
export function jwtExpiry(token: string): Date | undefined {
  const payload = decodeBase64Url(token.split('.')[1] ?? '');
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(payload);
    if (typeof claims !== 'object' || claims === null) return undefined;
    const exp: unknown = (claims as Record<string, unknown>)['exp'];
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
