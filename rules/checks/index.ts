/**
 * The rule registry: every rule module, imported on one line each and listed once, both sorted by
 * id. `test/rules/registry.test.ts` checks that nothing is missing and the order holds.
 */
import type { Rule } from '../engine/define-rule';
import iamWildcardAction from './iam/wildcard-action';
import injectionCommand from './injection/command';
import secretsAwsAccessKey from './secrets/aws-access-key';

export const ALL_RULES: readonly Rule[] = [
  iamWildcardAction,
  injectionCommand,
  secretsAwsAccessKey,
];
