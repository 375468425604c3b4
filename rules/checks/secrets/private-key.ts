import { capitalize, detectSecrets } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

export default defineRule({
  id: 'secrets/private-key',
  family: 'secrets',
  severity: 'error',
  docs: {
    summary: 'Flag private keys (PEM blocks) written into code, templates and configuration files',
    cwe: ['CWE-321', 'CWE-798'],
  },
  messages: {
    privateKey: '{kind} is written in this file; replace the key pair and load the new private key from a secrets store at run time.',
  },
  fixable: 'none',
  appliesTo: ['text'],
  check(ctx) {
    if (isTestFixture(ctx)) return [];
    const findings: FindingDraft<'privateKey'>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      if (secret.category !== 'private-key') continue;
      findings.push({ messageId: 'privateKey', data: { kind: capitalize(secret.kind) }, range: secret.range });
    }
    return findings;
  },
});
