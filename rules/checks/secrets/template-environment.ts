import { detectSecrets, type EnvironmentEntry } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { maskSecret } from '../../analysis/secrets/mask';
import { FIX_MESSAGES, referenceSuggestions, type FixMessageId } from '../../analysis/secrets/suggestions';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { isScalar } from '../../parse/document';
import { isDocumentFile } from '../../parse/source-file';

type MessageId = 'plaintext' | FixMessageId;

export default defineRule({
  id: 'secrets/template-environment',
  family: 'secrets',
  severity: 'error',
  docs: {
    summary: 'Flag plaintext secrets in function environment variables and Azure app settings',
    cwe: ['CWE-798', 'CWE-312'],
  },
  messages: {
    plaintext: '{place} {name} holds {kind} ({secret}) in plain text; reference a secrets store instead.',
    ...FIX_MESSAGES,
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const file = ctx.file;
    const template = ctx.model.template(file.path);
    if (!template || !isDocumentFile(file) || isTestFixture(ctx)) return [];
    const findings: FindingDraft<MessageId>[] = [];
    for (const secret of detectSecrets(file, ctx.model)) {
      const entry = secret.environment;
      if (secret.category !== 'template-environment' || !entry || !isScalar(entry.value)) continue;
      // SAM/CloudFormation: one secret per function, a key per variable; shared (Globals) values
      // get a secret of their own name.
      const owner = entry.function && (entry.format === 'sam' || entry.format === 'cloudformation') ? entry.function.name : undefined;
      findings.push({
        messageId: 'plaintext',
        data: { place: placeOf(entry), name: entry.name, kind: secret.kind, secret: maskSecret(secret.secret) },
        range: secret.range,
        suggest: referenceSuggestions(file, entry.format, template.root, entry.value, entry.name, owner),
      });
    }
    return findings;
  },
});

function placeOf(entry: EnvironmentEntry): string {
  if (entry.level === 'connection-string') return 'Connection string';
  if (entry.level === 'settings') return 'App setting';
  return 'Environment variable';
}
