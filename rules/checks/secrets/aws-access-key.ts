import { defineRule } from '../../engine/define-rule';

/**
 * An AWS access key id: a four-letter prefix and sixteen more characters.
 *
 * Keys seen in the wild use only A–Z and 2–7 (base32), but AWS documents the id only as "letters
 * and digits" (IAM API `AccessKeyId`), so the body is `[A-Z0-9]{16}`: a superset that cannot miss a
 * real key, at the cost of also matching look-alikes containing 0, 1, 8 or 9 (rare in practice).
 * Prefixes: AKIA long-term user key, ASIA temporary STS key, ABIA STS service bearer token, ACCA
 * context-specific credential (IAM "unique identifiers" reference).
 *
 * Linear time: one alternation of fixed strings and one bounded class, no nested quantifiers. The
 * lookarounds stand for `\b` so a key inside a longer identifier (`XAKIA…`, `AKIA…_OLD`) is not one.
 */
const ACCESS_KEY_ID = /(?<![A-Za-z0-9_])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9_])/g;

/** STS issues ASIA and ABIA ids and they expire; AKIA does not. ACCA's lifetime is not documented, so it is treated as long-term. */
const TEMPORARY_PREFIXES = new Set(['ASIA', 'ABIA']);

export default defineRule({
  id: 'secrets/aws-access-key',
  family: 'secrets',
  severity: 'error',
  docs: {
    summary: 'Flag AWS access key ids written into code, templates and configuration files',
    cwe: ['CWE-798'],
  },
  messages: {
    accessKey: 'An AWS {kind} access key id ({key}) is written in this file; give the function a role or read the key from a secrets store.',
  },
  fixable: 'none',
  appliesTo: ['text'],
  check(ctx) {
    const findings = [];
    const text = ctx.file.text;
    for (const match of text.matchAll(ACCESS_KEY_ID)) {
      const key = match[0];
      const prefix = match[1] ?? '';
      // AWS documentation's placeholders (AKIAIOSFODNN7EXAMPLE, ASIA…EXAMPLE) are not credentials.
      if (key.endsWith('EXAMPLE')) continue;
      const start = match.index;
      findings.push({
        messageId: 'accessKey' as const,
        data: { kind: TEMPORARY_PREFIXES.has(prefix) ? 'temporary' : 'long-term', key: redact(key) },
        range: { start, end: start + key.length },
      });
    }
    return findings;
  },
});

/** Enough to find the key in the IAM console, never enough to use it. */
function redact(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
