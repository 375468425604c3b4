import { detectSecrets } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { jwtExpiry } from '../../analysis/secrets/jwt';
import { maskSecret } from '../../analysis/secrets/mask';
import { FIX_MESSAGES, moveToEnvironment, type FixMessageId } from '../../analysis/secrets/suggestions';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

type MessageId = 'jwt' | FixMessageId;

export default defineRule({
  id: 'secrets/jwt',
  family: 'secrets',
  severity: 'warning',
  docs: {
    summary: 'Flag JSON Web Tokens written into code and configuration files',
    cwe: ['CWE-798'],
  },
  messages: {
    jwt: 'A JSON Web Token ({secret}) {expiry} is written in this file; if it grants access, revoke it and read it from the environment or a secrets store.',
    ...FIX_MESSAGES,
  },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(ctx) {
    if (isTestFixture(ctx)) return [];
    const findings: FindingDraft<MessageId>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      if (secret.category !== 'jwt') continue;
      const suggestion = secret.literal ? moveToEnvironment(ctx, secret.literal) : undefined;
      findings.push({
        messageId: 'jwt',
        data: { secret: maskSecret(secret.secret), expiry: describeExpiry(jwtExpiry(secret.secret), ctx.now) },
        range: secret.range,
        ...(suggestion ? { suggest: [suggestion] } : {}),
      });
    }
    return findings;
  },
});

/** A token without `exp` is valid until its signing key changes, which is what makes it dangerous. */
function describeExpiry(expiry: Date | undefined, now: Date): string {
  if (expiry === undefined || Number.isNaN(expiry.getTime())) return 'that never expires';
  const day = expiry.toISOString().slice(0, 10);
  return expiry.getTime() <= now.getTime() ? `that expired on ${day}` : `valid until ${day}`;
}
