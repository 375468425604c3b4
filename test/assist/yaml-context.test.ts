import assert from 'node:assert/strict';
import type { CursorContext } from '../../rules/assist/context';
import { yamlContext } from '../../rules/assist/yaml-context';

/** The context at the `‸` of a text (the mark itself removed). */
function at(marked: string): { context: CursorContext | undefined; text: string } {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  return { context: yamlContext(text, offset), text };
}

function shape(marked: string): { path: readonly string[]; style: string; token: string; typed: string; replaced: string } | undefined {
  const { context, text } = at(marked);
  if (!context) return undefined;
  return {
    path: context.path,
    style: context.style,
    token: context.token.text,
    typed: context.token.typed,
    replaced: text.slice(context.token.range.start, context.token.range.end),
  };
}

const SAM_POLICY = `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:GetObject
                - s3:‸
              Resource: "*"
`;

describe('assist: YAML cursor context', () => {
  it('reads `- s3:` under Action as the action being typed, not as a map key', () => {
    assert.deepEqual(shape(SAM_POLICY), {
      path: ['Resources', 'Fn', 'Properties', 'Policies', '[]', 'Statement', '[]', 'Action', '[]'],
      style: 'item',
      token: 's3:',
      typed: 's3:',
      replaced: 's3:',
    });
  });

  it('gives the sibling values and keys of the statement', () => {
    const { context } = at(SAM_POLICY.replace('- s3:‸', '- s3:Put‸'));
    assert.ok(context);
    assert.deepEqual(context.valuesOf(7, 'Action'), ['s3:GetObject']);
    assert.deepEqual(context.valuesOf(7, 'Resource'), ['*']);
    assert.deepEqual(context.keysOf(7), ['Effect', 'Action', 'Resource']);
    assert.equal(context.valuesOf(7, 'Condition'), undefined);
  });

  it('reads an inline value, quoted or not, and the whole scalar around the cursor', () => {
    assert.deepEqual(shape('Statement:\n  - Effect: Allow\n    Action: s3:Get‸Object # read\n'), {
      path: ['Statement', '[]', 'Action'],
      style: 'inline',
      token: 's3:GetObject',
      typed: 's3:Get',
      replaced: 's3:GetObject',
    });
    const quoted = at('Action: "s3:Ge‸"\n').context;
    assert.equal(quoted?.token.quote, '"');
    assert.equal(quoted?.token.text, 's3:Ge');
    assert.equal(quoted?.token.closingQuote, 14);
  });

  it('reads one element of a one-line flow list', () => {
    assert.deepEqual(shape('Action: [s3:GetObject, "s3:Pu‸t", s3:List]\n'), {
      path: ['Action', '[]'],
      style: 'flow',
      token: 's3:Put',
      typed: 's3:Pu',
      replaced: 's3:Put',
    });
  });

  it('follows compact sequences written at the key’s own indentation', () => {
    const text = 'Statement:\n- Effect: Allow\n  Action:\n  - s3:GetObject\n  - dynamodb:‸\n  Resource: x\n';
    assert.deepEqual(shape(text)?.path, ['Statement', '[]', 'Action', '[]']);
    const { context } = at(text);
    assert.deepEqual(context?.keysOf(2), ['Effect', 'Action', 'Resource']);
    assert.deepEqual(context?.valuesOf(2, 'Action'), ['s3:GetObject']);
  });

  it('reads a fresh line below a key as the start of its block value', () => {
    assert.deepEqual(shape('Auth:\n  ‸\n'), { path: ['Auth'], style: 'block', token: '', typed: '', replaced: '' });
    assert.deepEqual(shape('Events:\n  Get:\n    Properties:\n      Auth:\n        Autho‸\n'), {
      path: ['Events', 'Get', 'Properties', 'Auth'],
      style: 'block',
      token: 'Autho',
      typed: 'Autho',
      replaced: 'Autho',
    });
  });

  it('says a value needs a space when the cursor sits right after the colon', () => {
    const { context } = at('authorizer:‸\n');
    assert.equal(context?.style, 'inline');
    assert.equal(context?.token.needsSpace, true);
    assert.equal(context?.blockColumn, 2);
  });

  it('reads the key itself as key style', () => {
    assert.deepEqual(shape('a:\n  Acti‸on: x\n')?.style, 'key');
  });

  it('gives nothing inside a comment, a block scalar or a flow map', () => {
    assert.equal(at('Action: x # s3:‸\n').context, undefined);
    assert.equal(at('Code:\n  ZipFile: |\n    const a = 1;\n    Action: s3:‸\n').context, undefined);
    assert.equal(at('Resource: { "Fn::GetAtt": [T, ‸] }\n').context, undefined);
  });

  it('stops at a document boundary and keeps offsets right with CRLF line ends', () => {
    assert.deepEqual(shape('Resources:\n  A: 1\n---\nAction:\n  - s3:‸\n')?.path, ['Action', '[]']);
    const crlf = at('Statement:\r\n  - Effect: Allow\r\n    Action:\r\n      - s3:Get‸\r\n');
    assert.deepEqual(crlf.context?.path, ['Statement', '[]', 'Action', '[]']);
    assert.equal(crlf.text.slice(crlf.context?.token.range.start, crlf.context?.token.range.end), 's3:Get');
  });
});
