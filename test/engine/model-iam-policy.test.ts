import assert from 'node:assert/strict';
import { modelOf, scalars } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

const POLICY = dedent`
  {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "ReadUploads",
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"]
      },
      {
        "Effect": "Allow",
        "NotAction": "iam:*",
        "NotResource": "arn:aws:iam::*:role/admin",
        "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }
      }
    ]
  }
`;

describe('project model: IAM policy files', () => {
  it('reads a standalone JSON policy document as a policy-file owned by the file name', () => {
    const model = modelOf({ 'iam/uploads-policy.json': POLICY });
    assert.equal(model.template('iam/uploads-policy.json')?.format, 'iam-policy');
    assert.equal(model.policies.length, 1);
    const [policy] = model.policies;
    assert.ok(policy);
    assert.equal(policy.owner.kind, 'policy-file');
    assert.equal(policy.owner.name, 'uploads-policy.json');
    assert.deepEqual(model.functions, []);
    assert.deepEqual(model.roles, []);

    const [read, notIam] = model.statementsIn('iam/uploads-policy.json');
    assert.ok(read && notIam);
    assert.equal(read.actionKey, 'Action');
    assert.deepEqual(scalars(read.actions), ['s3:GetObject', 's3:ListBucket']);
    assert.deepEqual(read.actions.map((action) => textAt(POLICY, action)), ['"s3:GetObject"', '"s3:ListBucket"']);
    assert.equal(read.resourceKey, 'Resource');
    assert.deepEqual(scalars(read.resources), ['arn:aws:s3:::uploads', 'arn:aws:s3:::uploads/*']);
    assert.equal(read.isAllow, true);

    assert.equal(notIam.actionKey, 'NotAction');
    assert.deepEqual(scalars(notIam.actions), ['iam:*']);
    assert.equal(notIam.resourceKey, 'NotResource');
    assert.ok(notIam.condition);
    assert.equal(notIam.principal, undefined);
  });

  it('reads a policy kept in YAML with a single statement map', () => {
    const text = dedent`
      Version: '2012-10-17'
      Statement:
        Effect: Deny
        Action: '*'
        Resource: '*'
    `;
    const model = modelOf({ 'policies/deny.yaml': text });
    const statements = model.statementsIn('policies/deny.yaml');
    assert.equal(statements.length, 1);
    assert.equal(statements[0]?.isAllow, false);
    assert.equal(statements[0]?.effect && textAt(text, statements[0].effect), 'Deny');
  });

  it('does not take other JSON files for policies', () => {
    const model = modelOf({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'data/statement.json': JSON.stringify({ Statement: 'not a statement list' }),
    });
    assert.deepEqual(model.templates, []);
    assert.deepEqual(model.policies, []);
  });
});
