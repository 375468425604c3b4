import assert from 'node:assert/strict';
import { listForMessage, policyValues, UNKNOWN_TEXT } from '../../rules/analysis/policy-values';
import { get } from '../../rules/parse/document';
import { parseYaml } from '../../rules/parse/yaml';
import { dedent } from '../helpers/text';

/** The values of `value:` in a one-key YAML document: text with `?` for unknown parts, and the node's text. */
function values(text: string): { text: string; literal: boolean; written: string; at: string }[] {
  const file = parseYaml('template.yaml', text);
  assert.equal(file.parseError, undefined);
  return policyValues(get(file.documents[0], 'value')).map((value) => ({
    text: value.text.split(UNKNOWN_TEXT).join('?'),
    literal: value.literal,
    written: value.written,
    at: text.slice(value.node.range.start, value.node.range.end),
  }));
}

describe('policyValues', () => {
  it('reads scalars and lists', () => {
    assert.deepEqual(values('value: [s3:GetObject, "s3:PutObject"]\n'), [
      { text: 's3:GetObject', literal: true, written: 's3:GetObject', at: 's3:GetObject' },
      { text: 's3:PutObject', literal: true, written: 's3:PutObject', at: '"s3:PutObject"' },
    ]);
  });

  it('reads both Fn::If branches, lists inside them flattened, AWS::NoValue as nothing', () => {
    assert.deepEqual(
      values('value: !If [C, [a:B, c:D], !Ref AWS::NoValue]\n').map((value) => value.at),
      ['a:B', 'c:D'],
    );
  });

  it('marks serverless variables, nested ones included, as unknown', () => {
    assert.deepEqual(values('value: arn:aws:s3:::${self:custom.${sls:stage}}/*\n'), [
      { text: 'arn:aws:s3:::?/*', literal: false, written: 'arn:aws:s3:::${self:custom.${sls:stage}}/*', at: 'arn:aws:s3:::${self:custom.${sls:stage}}/*' },
    ]);
  });

  it('reads Fn::Sub on its string, filling in variables with a literal value', () => {
    assert.deepEqual(values(dedent`
      value: !Sub
        - arn:\${AWS::Partition}:s3:::\${Bucket}/\${Prefix}*
        - { Bucket: photos, Prefix: !Ref Prefix }
    `), [
      { text: 'arn:?:s3:::photos/?*', literal: false, written: 'arn:${AWS::Partition}:s3:::${Bucket}/${Prefix}*', at: 'arn:${AWS::Partition}:s3:::${Bucket}/${Prefix}*' },
    ]);
  });

  it('reads Fn::Join on its literal parts', () => {
    assert.deepEqual(values('value: !Join ["", ["arn:aws:s3:::", !Ref Bucket, "/*"]]\n'), [
      { text: 'arn:aws:s3:::?/*', literal: false, written: 'arn:aws:s3:::…/*', at: '!Join ["", ["arn:aws:s3:::", !Ref Bucket, "/*"]]' },
    ]);
  });

  it('gives nothing for references and other intrinsics', () => {
    assert.deepEqual(values('value: !GetAtt Table.Arn\n'), []);
    assert.deepEqual(values('value: !ImportValue shared-bucket-arn\n'), []);
    assert.deepEqual(values('value: 12\n'), []);
  });
});

describe('listForMessage', () => {
  it('joins a few items and counts the rest', () => {
    assert.equal(listForMessage([]), '');
    assert.equal(listForMessage(['a']), 'a');
    assert.equal(listForMessage(['a', 'b']), 'a and b');
    assert.equal(listForMessage(['a', 'b', 'c']), 'a, b and c');
    assert.equal(listForMessage(['a', 'b', 'c', 'd', 'e']), 'a, b, c and 2 more');
  });
});
