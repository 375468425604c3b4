import { capitalize, detectSecrets } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { maskSecret } from '../../analysis/secrets/mask';
import { FIX_MESSAGES, moveToEnvironment, type FixMessageId } from '../../analysis/secrets/suggestions';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

type MessageId = 'token' | FixMessageId;

export default defineRule({
  id: 'secrets/provider-token',
  family: 'secrets',
  severity: 'error',
  docs: {
    summary: 'Flag provider tokens, API keys and credentialed connection strings written into code and configuration files',
    cwe: ['CWE-798'],
  },
  messages: {
    token: '{kind} ({secret}) is written in this file; rotate it and have the code read it from the environment or a secrets store.',
    ...FIX_MESSAGES,
  },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(ctx) {
    if (isTestFixture(ctx)) return [];
    const findings: FindingDraft<MessageId>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      if (secret.category !== 'provider-token') continue;
      const suggestion = secret.literal ? moveToEnvironment(ctx, secret.literal) : undefined;
      findings.push({
        messageId: 'token',
        data: { kind: capitalize(secret.kind), secret: maskSecret(secret.secret) },
        range: secret.range,
        ...(suggestion ? { suggest: [suggestion] } : {}),
      });
    }
    return findings;
  },
});
