import assert from 'node:assert/strict';
import { jsonContext } from '../../rules/assist/json-context';

function at(marked: string): ReturnType<typeof jsonContext> {
  return jsonContext(marked.replace('‸', ''), marked.indexOf('‸'));
}

describe('assist: JSON cursor context', () => {
  it('reads an unterminated string in an unclosed list', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:‸';
    const context = at(text);
    const start = text.lastIndexOf('"s3:') + 1;
    assert.deepEqual(context?.path, ['Statement', '[]', 'Action', '[]']);
    assert.equal(context?.style, 'string');
    assert.deepEqual(context?.token, { range: { start, end: start + 3 }, text: 's3:', typed: 's3:', quote: '"' });
    assert.deepEqual(context?.valuesOf(2, 'Action'), ['s3:GetObject']);
    assert.deepEqual(context?.keysOf(2), ['Effect', 'Action']);
  });

  it('reads a closed string up to its quote, with the cursor inside', () => {
    const context = at('{"Action": "s3:Get‸Object", "Resource": "*"}');
    assert.equal(context?.style, 'string');
    assert.equal(context?.token.text, 's3:GetObject');
    assert.equal(context?.token.typed, 's3:Get');
    assert.equal(context?.token.closingQuote, '{"Action": "s3:GetObject'.length);
    // The value being typed is not one of the statement's actions yet.
    assert.deepEqual(context?.valuesOf(0, 'Action'), []);
    assert.deepEqual(context?.valuesOf(0, 'Resource'), ['*']);
  });

  it('reads a value position outside any string as bare', () => {
    const context = at('{"Action": ["s3:GetObject"], "Resource": [‸]}');
    assert.deepEqual(context?.path, ['Resource', '[]']);
    assert.equal(context?.style, 'bare');
    const offset = '{"Action": ["s3:GetObject"], "Resource": ['.length;
    assert.deepEqual(context?.token.range, { start: offset, end: offset });
  });

  it('reads a property name as key style, and gives nothing just after a closed value', () => {
    assert.equal(at('{"Statement": [{"Reso‸')?.style, 'key');
    assert.equal(at('{"Action": "s3:GetObject"‸}'), undefined);
    assert.equal(at('{"Count": 12‸}'), undefined);
  });
});
