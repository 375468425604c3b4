import assert from 'node:assert/strict';
import { isIgnored, parseConfig } from '../../rules/engine/config';

const KNOWN = new Set(['iam/wildcard-action', 'injection/command']);

describe('configuration', () => {
  it('reads severities, options and ignore globs from YAML', () => {
    const result = parseConfig(
      'rules:\n  iam/wildcard-action: warning\n  injection/command: [error, { depth: 2 }]\nignore:\n  - "generated/**"\n',
      '.serverless-security-lint.yml',
      KNOWN,
      '/repo',
    );
    assert.deepEqual(result.config, {
      rules: {
        'iam/wildcard-action': { severity: 'warning' },
        'injection/command': { severity: 'error', options: { depth: 2 } },
      },
      ignore: ['generated/**'],
      root: '/repo',
    });
  });

  it('reads JSON, the object form and `off`', () => {
    const result = parseConfig(
      '{"rules": {"iam/wildcard-action": "off", "injection/command": {"severity": "info"}}}',
      '.serverless-security-lint.json',
      KNOWN,
    );
    assert.deepEqual(result.config?.rules, {
      'iam/wildcard-action': { severity: 'off' },
      'injection/command': { severity: 'info' },
    });
  });

  it('treats an empty file as the empty configuration', () => {
    assert.deepEqual(parseConfig('', '.serverless-security-lint.yml', KNOWN).config, { rules: {}, ignore: [], root: '' });
  });

  const errors: [string, string, RegExp][] = [
    ['unknown rule', 'rules:\n  iam/wildcard-actions: error\n', /unknown rule "iam\/wildcard-actions"/],
    ['bad severity', 'rules:\n  iam/wildcard-action: fatal\n', /"fatal" is not one of error, warning, info, off/],
    ['unknown key', 'rule:\n  iam/wildcard-action: error\n', /unknown key "rule"/],
    ['ignore not a list', 'ignore: "dist/**"\n', /"ignore" must be a list of glob strings/],
    ['not a map', '- a\n- b\n', /must be a map/],
    ['YAML syntax', 'rules: [\n', /cannot be parsed/],
    ['array too long', 'rules:\n  injection/command: [error, {}, 3]\n', /expected \[severity\] or \[severity, options\]/],
  ];
  for (const [name, text, pattern] of errors) {
    it(`rejects ${name} with a message naming the problem`, () => {
      const result = parseConfig(text, '.serverless-security-lint.yml', KNOWN);
      assert.equal(result.config, undefined);
      assert.match(result.error ?? '', pattern);
      assert.match(result.error ?? '', /^\.serverless-security-lint\.yml: /);
    });
  }

  it('matches ignore globs against paths relative to the config folder', () => {
    const config = { rules: {}, ignore: ['generated/**', '**/*.spec.js'], root: '/repo' };
    assert.equal(isIgnored(config, 'generated/a/b.yml'), true);
    assert.equal(isIgnored(config, 'src/handler.spec.js'), true);
    assert.equal(isIgnored(config, 'src/handler.js'), false);
  });
});
