import { detectSecrets } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { maskSecret } from '../../analysis/secrets/mask';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

/** STS issues ASIA and ABIA ids and they expire; AKIA does not. ACCA's lifetime is not documented, so it is treated as long-term. */
const TEMPORARY_PREFIXES = new Set(['ASIA', 'ABIA']);

type MessageId = 'accessKey' | 'secretAccessKey';

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
    secretAccessKey: 'An AWS secret access key ({key}) is written next to an access key id; deactivate the pair and give the function a role instead.',
  },
  fixable: 'none',
  appliesTo: ['text'],
  check(ctx) {
    if (isTestFixture(ctx)) return [];
    const findings: FindingDraft<MessageId>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      if (secret.category !== 'aws-access-key') continue;
      if (secret.pattern?.id === 'aws-secret-access-key') {
        findings.push({
          messageId: 'secretAccessKey',
          data: { key: maskSecret(secret.secret) },
          range: secret.range,
          related: (secret.related ?? []).map((related) => ctx.related({ range: related.range }, related.message)),
        });
      } else {
        const kind = TEMPORARY_PREFIXES.has(secret.secret.slice(0, 4)) ? 'temporary' : 'long-term';
        findings.push({ messageId: 'accessKey', data: { kind, key: maskSecret(secret.secret) }, range: secret.range });
      }
    }
    return findings;
  },
});
