/**
 * The checksum GitHub and npm build into their tokens: a CRC-32 of the random part, written as six
 * base62 digits at the end. A run of characters with the right prefix and length but a wrong
 * checksum is not a token those services issued (a placeholder, a test string, a truncated copy),
 * so checking it removes most false positives of the two patterns at no risk to real tokens.
 *
 * Sources: "Behind GitHub's new authentication token formats" (github.blog, 2021-04-05) and
 * "Announcing npm's new access token format" (github.blog, 2021-09-23) describe the layout: a
 * prefix, 30 random base62 characters and a 32-bit checksum in the last 6. Which bytes the CRC
 * covers (the 30, not the prefix) and the digit order (0-9, A-Z, a-z, zero-padded) are what the
 * public verifiers of these formats use.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The CRC-32 (IEEE 802.3, as zlib and PNG use it) lookup table, built once. */
const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of an ASCII string (each UTF-16 code unit is taken as one byte). */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62, left-padded with `0` to `width` digits. */
export function toBase62(value: number, width: number): string {
  let digits = '';
  let rest = value;
  do {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return digits.padStart(width, '0');
}

/**
 * True when `token` (`ghp_…`, `npm_…`) ends with the checksum of its 30 random characters. The
 * prefix is everything up to and including the first `_`.
 */
export function hasValidTokenChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return toBase62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
