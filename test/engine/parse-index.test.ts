import assert from 'node:assert/strict';
import { parseSourceFile } from '../../rules/parse/index';

describe('parseSourceFile', () => {
  it('reads a .template file that opens with { as JSON', () => {
    const file = parseSourceFile('stack.template', '{"Resources": {}}');
    assert.equal(file.language, 'json');
    assert.equal(file.parseError, undefined);
  });

  it('reads a .template file in YAML as YAML, short tags included', () => {
    const file = parseSourceFile('stack.template', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  A: !Ref Q\n');
    assert.equal(file.language, 'yaml');
    assert.equal(file.parseError, undefined);
  });

  it('reads other files by extension, unknown ones as text', () => {
    assert.equal(parseSourceFile('a.mts', 'export const a = 1;').language, 'javascript');
    assert.equal(parseSourceFile('a.yaml', 'a: 1').language, 'yaml');
    assert.equal(parseSourceFile('.env', 'A=1').language, 'text');
  });
});
