/**
 * The rule registry: every rule module, imported on one line each and listed once, both sorted by
 * id. `test/rules/registry.test.ts` checks that nothing is missing and the order holds.
 */
import type { Rule } from '../engine/define-rule';
import authNoAuthorizer from './auth/no-authorizer';
import authWildcardCors from './auth/wildcard-cors';
import configEolRuntime from './config/eol-runtime';
import configLongTimeout from './config/long-timeout';
import configNoConcurrencyLimit from './config/no-concurrency-limit';
import errorsVerboseError from './errors/verbose-error';
import iamAdminPolicy from './iam/admin-policy';
import iamMissingPermission from './iam/missing-permission';
import iamNotAction from './iam/not-action';
import iamNotResource from './iam/not-resource';
import iamPartialWildcardAction from './iam/partial-wildcard-action';
import iamPartialWildcardWriteAction from './iam/partial-wildcard-write-action';
import iamPrivilegeEscalation from './iam/privilege-escalation';
import iamPublicPrincipal from './iam/public-principal';
import iamSharedRole from './iam/shared-role';
import iamUnknownAction from './iam/unknown-action';
import iamUnusedPermission from './iam/unused-permission';
import iamWildcardAction from './iam/wildcard-action';
import iamWildcardResource from './iam/wildcard-resource';
import injectionCode from './injection/code';
import injectionCommand from './injection/command';
import injectionNosql from './injection/nosql';
import injectionPath from './injection/path';
import injectionPrototypePollution from './injection/prototype-pollution';
import injectionRedirect from './injection/redirect';
import injectionRegex from './injection/regex';
import injectionSql from './injection/sql';
import injectionSsrf from './injection/ssrf';
import injectionTemplate from './injection/template';
import injectionXss from './injection/xss';
import secretsAwsAccessKey from './secrets/aws-access-key';
import secretsGenericSecret from './secrets/generic-secret';
import secretsJwt from './secrets/jwt';
import secretsPrivateKey from './secrets/private-key';
import secretsProviderToken from './secrets/provider-token';
import secretsTemplateEnvironment from './secrets/template-environment';
import secretsTestFixture from './secrets/test-fixture';

export const ALL_RULES: readonly Rule[] = [
  authNoAuthorizer,
  authWildcardCors,
  configEolRuntime,
  configLongTimeout,
  configNoConcurrencyLimit,
  errorsVerboseError,
  iamAdminPolicy,
  iamMissingPermission,
  iamNotAction,
  iamNotResource,
  iamPartialWildcardAction,
  iamPartialWildcardWriteAction,
  iamPrivilegeEscalation,
  iamPublicPrincipal,
  iamSharedRole,
  iamUnknownAction,
  iamUnusedPermission,
  iamWildcardAction,
  iamWildcardResource,
  injectionCode,
  injectionCommand,
  injectionNosql,
  injectionPath,
  injectionPrototypePollution,
  injectionRedirect,
  injectionRegex,
  injectionSql,
  injectionSsrf,
  injectionTemplate,
  injectionXss,
  secretsAwsAccessKey,
  secretsGenericSecret,
  secretsJwt,
  secretsPrivateKey,
  secretsProviderToken,
  secretsTemplateEnvironment,
  secretsTestFixture,
];
