/**
 * The provider pattern table and the helpers under it: every entry has a positive and a negative
 * sample that behave, every regex is free of nested quantifiers (the linear-time guarantee; timing
 * itself belongs in a benchmark, not here), and the GitHub/npm checksum matches an independent
 * implementation.
 */
import * as assert from 'node:assert/strict';
import { crc32, hasValidTokenChecksum, toBase62 } from '../../../rules/analysis/secrets/checksum';
import { DOTENV_LINE } from '../../../rules/analysis/secrets/detect';
import { AUTHORIZATION_SCHEME } from '../../../rules/analysis/secrets/judge';
import { ACCESS_KEY_ID, scanPatterns, SECRET_PATTERNS } from '../../../rules/analysis/secrets/patterns';
import { findNestedQuantifier } from '../../../rules/analysis/secrets/regex-safety';
import { PATTERN_SAMPLES } from './samples';
import { checksummedToken, TOKENS, withBadChecksum } from './tokens';

describe('secret pattern table', () => {
  it('has a sample for every entry and an entry for every sample', () => {
    assert.deepEqual(Object.keys(PATTERN_SAMPLES).sort(), SECRET_PATTERNS.map((pattern) => pattern.id).sort());
  });

  it('has unique ids and global regexes', () => {
    const ids = SECRET_PATTERNS.map((pattern) => pattern.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const pattern of SECRET_PATTERNS) assert.ok(pattern.regex.global, `${pattern.id} must be global`);
  });

  for (const pattern of SECRET_PATTERNS) {
    describe(pattern.id, () => {
      const sample = PATTERN_SAMPLES[pattern.id];

      it('reports the positive sample, exactly the secret', () => {
        assert.ok(sample);
        const matches = scanPatterns(sample.text).filter((match) => match.pattern.id === pattern.id);
        const start = sample.text.indexOf(sample.secret);
        assert.ok(start >= 0, 'the sample holds its secret');
        assert.deepEqual(
          matches.map((match) => ({ range: match.range, secret: match.secret })),
          [{ range: { start, end: start + sample.secret.length }, secret: sample.secret }],
        );
      });

      it('does not report the negative sample', () => {
        assert.ok(sample);
        assert.deepEqual(
          scanPatterns(sample.negative.text).filter((match) => match.pattern.id === pattern.id).map((match) => match.secret),
          [],
        );
      });

      it('has no nested quantifier', () => {
        assert.equal(findNestedQuantifier(pattern.regex.source), undefined, pattern.regex.source);
      });
    });
  }

  it('keeps the other regexes that scan whole lines or values free of nested quantifiers', () => {
    for (const regex of [ACCESS_KEY_ID, DOTENV_LINE, AUTHORIZATION_SCHEME]) {
      assert.equal(findNestedQuantifier(regex.source), undefined, regex.source);
    }
  });

  it('drops a later pattern that overlaps an earlier one (a database URL is not also a URL password)', () => {
    assert.deepEqual(
      scanPatterns('postgres://app:S3cretPw9@db/x').map((match) => match.pattern.id),
      ['database-url'],
    );
  });

  it('leaves placeholders and documented examples alone', () => {
    const text = [
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY next to AKIAIOSFODNN7EXAMPLE',
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
      `sk_${'live'}_xxxxxxxxxxxxxxxxxxxxxxxx`,
    ].join('\n');
    assert.deepEqual(scanPatterns(text), []);
  });

  it('needs a PEM body, not only a header, and ignores escaped line breaks when counting it', () => {
    assert.deepEqual(scanPatterns('-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----'), []);
    const escaped = `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${TOKENS.rsaKeyBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n"}`;
    assert.deepEqual(
      scanPatterns(escaped).map((match) => match.pattern.id),
      ['private-key'],
    );
  });
});

describe('regex safety checker', () => {
  const nested = ['(a+)+', '(?:x{2,})?', '(\\w+\\s?)*', '((a+))+', '(?<name>[a-z]+)*', '(a*b)+?'];
  const flat = ['a+b*', '(?<n>a+)b', '(?<=a+)b', '[(]+', '\\(a+\\)+', '(a|b)+', '(?:\\.xox[bp])?', '\\p{L}{2}', 'x{2}y{3,}', '[+*?]{3}', '(ab){2}'];

  for (const source of nested) {
    it(`finds the nested quantifier in ${source}`, () => assert.notEqual(findNestedQuantifier(source), undefined));
  }
  for (const source of flat) {
    it(`accepts ${source}`, () => assert.equal(findNestedQuantifier(source), undefined));
  }

  it('points at the offending quantifier', () => {
    assert.equal(findNestedQuantifier('x(a+)+'), 5);
  });
});

describe('token checksum', () => {
  it('computes CRC-32 (IEEE) as zlib does', () => {
    // The standard check value of CRC-32/ISO-HDLC.
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
  });

  it('writes base62 with digits, then upper, then lower case, zero-padded', () => {
    assert.equal(toBase62(0, 6), '000000');
    assert.equal(toBase62(61, 2), '0z');
    assert.equal(toBase62(62, 2), '10');
  });

  it('matches a checksum computed independently (Python zlib.crc32 and base62)', () => {
    assert.equal(toBase62(crc32('abcdefghijABCDEFGHIJ0123456789'), 6), '2C2O59');
  });

  it('accepts tokens with a valid checksum and rejects a changed one', () => {
    for (const prefix of ['ghp', 'gho', 'ghu', 'ghs', 'ghr', 'npm']) {
      const token = checksummedToken(prefix, prefix.length + prefix.charCodeAt(2));
      assert.equal(hasValidTokenChecksum(token), true, token);
      assert.equal(hasValidTokenChecksum(withBadChecksum(token)), false);
    }
    assert.equal(hasValidTokenChecksum('ghp_short'), false);
  });
});
