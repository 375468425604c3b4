import { capitalize, detectSecrets, type SecretFinding } from '../../analysis/secrets/detect';
import { isTestFixture } from '../../analysis/secrets/files';
import { maskSecret } from '../../analysis/secrets/mask';
import { toEnvironmentName } from '../../analysis/secrets/names';
import { FIX_MESSAGES, moveToEnvironment, referenceSuggestions, resourceOwner, type FixMessageId } from '../../analysis/secrets/suggestions';
import { defineRule, type FindingDraft, type FixDraft, type RuleContext } from '../../engine/define-rule';
import { isDocumentFile } from '../../parse/source-file';

type MessageId = 'named' | 'compared' | 'fallback' | 'authorization' | FixMessageId;

export default defineRule({
  id: 'secrets/generic-secret',
  family: 'secrets',
  severity: 'error',
  docs: {
    summary: 'Flag passwords, tokens and keys hardcoded under secret-meaning names or built into Authorization values',
    cwe: ['CWE-798', 'CWE-259'],
  },
  messages: {
    named: '{kind} is hardcoded in {name} ({secret}); read it from the environment or a secrets store at run time.',
    compared: '{name} is compared with {kind} hardcoded in the code ({secret}); check credentials against a secrets store, not a constant.',
    fallback: '{name} falls back to {kind} hardcoded in the code ({secret}); fail when the setting is missing instead.',
    authorization: '{kind} ({secret}) is built from constant strings; read the credential from the environment or a secrets store.',
    ...FIX_MESSAGES,
  },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(ctx) {
    if (isTestFixture(ctx)) return [];
    const findings: FindingDraft<MessageId>[] = [];
    for (const secret of detectSecrets(ctx.file, ctx.model)) {
      if (secret.category !== 'generic') continue;
      const suggestions = suggestionsFor(ctx, secret);
      const shape = secret.shape ?? 'named';
      findings.push({
        messageId: shape,
        data:
          shape === 'authorization'
            ? { kind: capitalize(secret.kind), secret: maskSecret(secret.secret) }
            : { name: secret.name ?? '', kind: shape === 'named' ? capitalize(secret.kind) : secret.kind, secret: maskSecret(secret.secret) },
        range: secret.range,
        ...(suggestions.length > 0 ? { suggest: suggestions } : {}),
      });
    }
    return findings;
  },
});

function suggestionsFor(ctx: RuleContext, secret: SecretFinding): FixDraft<FixMessageId>[] {
  if (secret.literal && secret.shape === 'named') {
    const suggestion = moveToEnvironment(ctx, secret.literal);
    return suggestion ? [suggestion] : [];
  }
  const template = ctx.model.template(ctx.file.path);
  const place = secret.documentValue;
  if (!place || !template || !isDocumentFile(ctx.file)) return [];
  // serverless.yml resolves `${ssm:…}` anywhere; CloudFormation resolves dynamic references in
  // resource properties only (not in Parameters, Outputs or Mappings).
  if (template.format === 'serverless') {
    return referenceSuggestions(ctx.file, template.format, template.root, place.value, toEnvironmentName(place.key.value as string), undefined);
  }
  if (template.format === 'sam' || template.format === 'cloudformation') {
    const owner = resourceOwner(template.root, place.path);
    if (owner === undefined) return [];
    return referenceSuggestions(ctx.file, template.format, template.root, place.value, String(place.key.value), owner);
  }
  return [];
}
