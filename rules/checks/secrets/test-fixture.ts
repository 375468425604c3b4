import { capitalize, detectSecrets } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { maskSecret } from '../../analysis/secrets/mask';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

export default defineRule({
  id: 'secrets/test-fixture',
  family: 'secrets',
  severity: 'info',
  docs: {
    summary: 'Flag secrets written into test files and fixtures, at a lower severity than elsewhere',
    cwe: ['CWE-798'],
  },
  messages: {
    inFixture: '{kind} ({secret}) is written in this test file; if it was ever real, revoke it, and use a value no service accepts.',
  },
  fixable: 'none',
  appliesTo: ['text'],
  check(ctx) {
    if (!isTestFixture(ctx)) return [];
    const findings: FindingDraft<'inFixture'>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      // A private key's text is its whole block; its header says enough.
      const shown = secret.category === 'private-key' ? ctx.file.text.slice(secret.range.start, secret.range.end) : maskSecret(secret.secret);
      findings.push({ messageId: 'inFixture', data: { kind: capitalize(secret.kind), secret: shown }, range: secret.range });
    }
    return findings;
  },
});
