import assert from 'node:assert/strict';
import { get, getPath, intrinsicName, isMap, isScalar, isSeq, walk, type DocNode } from '../../rules/parse/document';
import { parseSourceFile } from '../../rules/parse/index';
import { MAX_ALIAS_EXPANSION_NODES, parseYaml } from '../../rules/parse/yaml';
import { assertSpan, plain } from '../helpers/document';
import { dedent } from '../helpers/text';

function only(text: string, path = 'template.yaml'): DocNode {
  const file = parseYaml(path, text);
  assert.equal(file.parseError, undefined, file.parseError?.message);
  assert.equal(file.documents.length, 1);
  const document = file.documents[0];
  assert.ok(document);
  return document;
}

function countNodes(documents: DocNode[]): number {
  let count = 0;
  for (const document of documents) walk(document, () => count++);
  return count;
}

describe('parseYaml', () => {
  describe('scalars', () => {
    it('reads the YAML 1.2 core schema: on/yes stay strings, dates stay strings', () => {
      const text = dedent`
        on: yes
        off: no
        AWSTemplateFormatVersion: 2010-09-09
        count: 12
        ratio: 1.5
        enabled: true
        nothing: ~
        empty: null
        octal: 0o17
        quotedNumber: "12"
        single: 'it''s'
      `;
      const root = only(text);
      assert.deepEqual(plain(root), {
        on: 'yes',
        off: 'no',
        AWSTemplateFormatVersion: '2010-09-09',
        count: 12,
        ratio: 1.5,
        enabled: true,
        nothing: null,
        empty: null,
        octal: 15,
        quotedNumber: '12',
        single: "it's",
      });
      const quoted = get(root, 'quotedNumber');
      assert.ok(isScalar(quoted));
      assert.equal(quoted.quoted, true);
      const count = get(root, 'count');
      assert.ok(isScalar(count));
      assert.equal(count.quoted, false);
    });

    it('ranges cover each key and scalar as written, quotes included', () => {
      const text = dedent`
        Description: plain words here
        Quoted: "double # not a comment"
        Single: 'single'
      `;
      const root = only(text);
      assert.ok(isMap(root));
      assertSpan(text, root.entries[0]?.key, 'Description', 0);
      assertSpan(text, get(root, 'Description'), 'plain words here', 13);
      assertSpan(text, get(root, 'Quoted'), '"double # not a comment"');
      assertSpan(text, get(root, 'Single'), "'single'");
    });

    it('a block scalar spans its header to its last content line, without the line break', () => {
      const text = dedent`
        Job:
          Script: |
            echo one
            echo two

        Next: 1
      `;
      const root = only(text);
      const script = getPath(root, 'Job', 'Script');
      assert.ok(isScalar(script));
      assert.equal(script.value, 'echo one\necho two\n');
      assertSpan(text, script, '|\n    echo one\n    echo two');
      assertSpan(text, get(root, 'Job'), 'Script: |\n    echo one\n    echo two');
    });

    it('non-string keys keep the text they were written with', () => {
      const text = dedent`
        responses:
          200: ok
          true: yes
      `;
      const responses = get(only(text), 'responses');
      assert.ok(isMap(responses));
      assert.deepEqual(
        responses.entries.map((entry) => entry.key.value),
        ['200', 'true'],
      );
      assertSpan(text, responses.entries[0]?.key, '200');
    });
  });

  describe('collections', () => {
    it('a block map ends at its last value, not at a trailing comment or blank line', () => {
      const text = dedent`
        Outer:
          A: 1
          B: two # trailing

        After: 3
      `;
      const root = only(text);
      assertSpan(text, get(root, 'Outer'), 'A: 1\n  B: two');
      assertSpan(text, root, text.slice(0, text.indexOf('After: 3') + 'After: 3'.length), 0);
    });

    it('flow collections cover their brackets', () => {
      const text = 'List: [a, "b", {c: d}]\n';
      const root = only(text);
      const list = get(root, 'List');
      assertSpan(text, list, '[a, "b", {c: d}]', 6);
      assert.ok(isSeq(list));
      assertSpan(text, list.items[2], '{c: d}');
      assert.deepEqual(plain(list), ['a', 'b', { c: 'd' }]);
    });

    it('a key without a value is a null scalar with an empty range right after its colon', () => {
      const text = 'Empty:    # nothing here\nAlso:\nLast: 1\n';
      const root = only(text);
      const empty = get(root, 'Empty');
      assert.ok(isScalar(empty));
      assert.equal(empty.value, null);
      assert.deepEqual(empty.range, { start: 6, end: 6 });
      assert.equal(text.slice(0, empty.range.start), 'Empty:');
      const also = get(root, 'Also');
      assert.ok(isScalar(also));
      assert.equal(also.value, null);
      assert.deepEqual(also.range, { start: text.indexOf('Also:') + 5, end: text.indexOf('Also:') + 5 });
    });

    it('an empty sequence item is a null scalar right after its dash', () => {
      const text = '- \n- a\n-\n';
      const root = only(text);
      assert.ok(isSeq(root));
      assert.deepEqual(plain(root), [null, 'a', null]);
      assert.deepEqual(root.items[0]?.range, { start: 1, end: 1 });
      assert.deepEqual(root.items[2]?.range, { start: 8, end: 8 });
      assertSpan(text, root, '- \n- a\n-', 0);
    });

    it('duplicate keys: the last one wins, without an error', () => {
      const text = 'Key: first\nOther: x\nKey: second\n';
      const file = parseYaml('t.yaml', text);
      assert.equal(file.parseError, undefined);
      const root = file.documents[0];
      assert.ok(isMap(root));
      assert.deepEqual(
        root.entries.map((entry) => [entry.key.value, plain(entry.value)]),
        [['Other', 'x'], ['Key', 'second']],
      );
      assertSpan(text, get(root, 'Key'), 'second');
    });
  });

  describe('CloudFormation short tags', () => {
    const cases: Array<{ source: string; longName: string; value: unknown }> = [
      { source: '!Ref MyBucket', longName: 'Ref', value: 'MyBucket' },
      { source: '!Condition IsProd', longName: 'Condition', value: 'IsProd' },
      { source: '!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"', longName: 'Fn::Sub', value: 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
      { source: "!Join [',', [a, b]]", longName: 'Fn::Join', value: [',', ['a', 'b']] },
      { source: '!If [IsProd, big, small]', longName: 'Fn::If', value: ['IsProd', 'big', 'small'] },
      { source: '!Select [0, [x, y]]', longName: 'Fn::Select', value: [0, ['x', 'y']] },
      { source: "!Split [',', 'a,b']", longName: 'Fn::Split', value: [',', 'a,b'] },
      { source: '!FindInMap [RegionMap, us-east-1, AMI]', longName: 'Fn::FindInMap', value: ['RegionMap', 'us-east-1', 'AMI'] },
      { source: '!ImportValue SharedVpc', longName: 'Fn::ImportValue', value: 'SharedVpc' },
      { source: '!Base64 hello', longName: 'Fn::Base64', value: 'hello' },
      { source: "!Cidr ['10.0.0.0/16', 6, 5]", longName: 'Fn::Cidr', value: ['10.0.0.0/16', 6, 5] },
      { source: "!GetAZs ''", longName: 'Fn::GetAZs', value: '' },
      { source: '!Equals [a, b]', longName: 'Fn::Equals', value: ['a', 'b'] },
      { source: '!And [c1, c2]', longName: 'Fn::And', value: ['c1', 'c2'] },
      { source: '!Or [c1, c2]', longName: 'Fn::Or', value: ['c1', 'c2'] },
      { source: '!Not [c1]', longName: 'Fn::Not', value: ['c1'] },
      { source: '!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', longName: 'Fn::Transform', value: { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      { source: '!GetAtt Role.Arn', longName: 'Fn::GetAtt', value: ['Role', 'Arn'] },
    ];

    for (const { source, longName, value } of cases) {
      it(`${source.split(' ')[0]} becomes { ${longName}: … } ranged over the tagged node`, () => {
        const text = `Value: ${source}\n`;
        const node = get(only(text), 'Value');
        assert.ok(isMap(node));
        assert.equal(intrinsicName(node), longName);
        assert.deepEqual(plain(node), { [longName]: value });
        assertSpan(text, node, source, 7);
        assertSpan(text, node.entries[0]?.key, source, 7);
        assert.equal(node.entries[0]?.key.value, longName);
      });
    }

    it('the wrapped value keeps its own range, without the tag', () => {
      const text = 'A: !Ref "Quoted"\nB: !Sub\n  - "${X}"\n  - X: 1\n';
      const root = only(text);
      assertSpan(text, get(get(root, 'A'), 'Ref'), '"Quoted"');
      const sub = get(root, 'B');
      assertSpan(text, sub, '!Sub\n  - "${X}"\n  - X: 1');
      assertSpan(text, get(sub, 'Fn::Sub'), '- "${X}"\n  - X: 1');
      assert.deepEqual(plain(sub as DocNode), { 'Fn::Sub': ['${X}', { X: 1 }] });
    });

    it('a tag on a block map wraps the whole map', () => {
      const text = dedent`
        Policy: !If
          - IsProd
          - Effect: Deny
          - !Ref AWS::NoValue
      `;
      const policy = get(only(text), 'Policy');
      assert.deepEqual(plain(policy as DocNode), { 'Fn::If': ['IsProd', { Effect: 'Deny' }, { Ref: 'AWS::NoValue' }] });
      assertSpan(text, policy, '!If\n  - IsProd\n  - Effect: Deny\n  - !Ref AWS::NoValue');
      assertSpan(text, getPath(policy, 'Fn::If'), '- IsProd\n  - Effect: Deny\n  - !Ref AWS::NoValue');
    });

    it('splits !GetAtt A.B at the first dot, each part ranged inside the scalar', () => {
      const text = 'Arn: !GetAtt MyFunction.Arn\nOut: !GetAtt Stack.Outputs.BucketName\nQ: !GetAtt "Role.Arn"\n';
      const root = only(text);
      const arn = get(get(root, 'Arn'), 'Fn::GetAtt');
      assert.ok(isSeq(arn));
      assertSpan(text, arn, 'MyFunction.Arn');
      assertSpan(text, arn.items[0], 'MyFunction');
      assertSpan(text, arn.items[1], 'Arn', text.indexOf('MyFunction.Arn') + 'MyFunction.'.length);

      const out = get(get(root, 'Out'), 'Fn::GetAtt');
      assert.deepEqual(plain(out as DocNode), ['Stack', 'Outputs.BucketName']);
      assert.ok(isSeq(out));
      assertSpan(text, out.items[1], 'Outputs.BucketName');

      const quoted = get(get(root, 'Q'), 'Fn::GetAtt');
      assert.ok(isSeq(quoted));
      assertSpan(text, quoted, '"Role.Arn"');
      assertSpan(text, quoted.items[0], 'Role', text.indexOf('"Role.Arn"') + 1);
      assertSpan(text, quoted.items[1], 'Arn', text.indexOf('"Role.Arn"') + 6);
    });

    it('!GetAtt [A, B] stays the written sequence', () => {
      const text = 'Arn: !GetAtt [MyRole, Arn]\n';
      const value = get(get(only(text), 'Arn'), 'Fn::GetAtt');
      assert.ok(isSeq(value));
      assertSpan(text, value, '[MyRole, Arn]');
      assertSpan(text, value.items[0], 'MyRole');
      assertSpan(text, value.items[1], 'Arn', text.indexOf('Arn]'));
    });

    it('converts nested short tags at every depth', () => {
      const text = dedent`
        Name: !Join ['-', [!Ref Env, !Sub '\${AWS::Region}', !GetAtt Table.Arn]]
        Az: !Select [0, !GetAZs '']
        UserData: !Base64
          Fn::Sub: echo \${Bucket}
        Vars: !Sub
          - 'arn:\${Part}'
          - Part: !Ref AWS::Partition
      `;
      const root = only(text);
      assert.deepEqual(plain(root), {
        Name: { 'Fn::Join': ['-', [{ Ref: 'Env' }, { 'Fn::Sub': '${AWS::Region}' }, { 'Fn::GetAtt': ['Table', 'Arn'] }]] },
        Az: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        UserData: { 'Fn::Base64': { 'Fn::Sub': 'echo ${Bucket}' } },
        Vars: { 'Fn::Sub': ['arn:${Part}', { Part: { Ref: 'AWS::Partition' } }] },
      });
      const parts = getPath(root, 'Name', 'Fn::Join');
      assert.ok(isSeq(parts));
      const inner = parts.items[1];
      assert.ok(isSeq(inner));
      assertSpan(text, inner.items[0], '!Ref Env');
      assertSpan(text, inner.items[1], "!Sub '${AWS::Region}'");
      assertSpan(text, getPath(root, 'Az', 'Fn::Select'), "[0, !GetAZs '']");
      const vars = getPath(root, 'Vars', 'Fn::Sub');
      assert.ok(isSeq(vars));
      assertSpan(text, vars, "- 'arn:${Part}'\n  - Part: !Ref AWS::Partition");
      assertSpan(text, vars.items[1], 'Part: !Ref AWS::Partition');
    });

    it('two short tags on one node (!Base64 !Sub) are a YAML error at the second tag', () => {
      const text = 'UserData: !Base64 !Sub echo\n';
      const file = parseYaml('t.yaml', text);
      assert.ok(file.parseError);
      assert.equal(file.parseError.message, 'A node can have at most one tag');
      assertSpan(text, file.parseError, '!Sub');
    });

    it('ignores unknown tags: the node reads as if untagged, without an error', () => {
      const text = 'Num: !Custom 12\nList: !Other [a]\nText: !Vault secret\n';
      const file = parseYaml('t.yaml', text);
      assert.equal(file.parseError, undefined);
      const root = file.documents[0];
      assert.ok(root);
      assert.deepEqual(plain(root), { Num: 12, List: ['a'], Text: 'secret' });
      assertSpan(text, get(root, 'Num'), '12');
      assertSpan(text, get(root, 'List'), '[a]');
    });
  });

  describe('documents, line endings and byte order marks', () => {
    it('gives one tree per non-empty document', () => {
      const text = '---\n# only a comment\n---\nA: 1\n...\n---\n- b\n';
      const file = parseYaml('multi.yaml', text);
      assert.equal(file.parseError, undefined);
      assert.deepEqual(file.documents.map(plain), [{ A: 1 }, ['b']]);
      assertSpan(text, file.documents[0], 'A: 1');
      assertSpan(text, file.documents[1], '- b');
    });

    it('keeps exact offsets with CRLF line endings', () => {
      const text = 'Resources:\r\n  Fn:\r\n    Type: AWS::Lambda::Function # c\r\n    Code: |\r\n      x\r\n    Empty:\r\n';
      const root = only(text);
      const fn = getPath(root, 'Resources', 'Fn');
      assertSpan(text, get(fn, 'Type'), 'AWS::Lambda::Function');
      assertSpan(text, get(fn, 'Code'), '|\r\n      x');
      assertSpan(text, fn, 'Type: AWS::Lambda::Function # c\r\n    Code: |\r\n      x\r\n    Empty:');
      const empty = get(fn, 'Empty');
      assert.deepEqual(empty?.range, { start: text.indexOf('Empty:') + 6, end: text.indexOf('Empty:') + 6 });
      const file = parseYaml('t.yaml', text);
      assert.deepEqual(file.comments, [{ value: ' c', range: { start: text.indexOf('# c'), end: text.indexOf('# c') + 3 } }]);
    });

    it('keeps exact offsets after a leading byte order mark', () => {
      const text = '\uFEFFBucket: !Ref Name\nValue: "x"\n';
      const root = only(text);
      assert.equal(text.indexOf('Bucket'), 1);
      assertSpan(text, isMap(root) ? root.entries[0]?.key : undefined, 'Bucket', 1);
      assertSpan(text, get(root, 'Bucket'), '!Ref Name', 9);
      assertSpan(text, get(root, 'Value'), '"x"', 26);
    });
  });

  describe('comments', () => {
    it('collects every # comment with its text, but not a # inside a string', () => {
      const text = dedent`
        # header
        A: "x # y" # after
        B: 'p # q'
        C: plain#notcomment
        D: |
          # inside a block scalar
        # last
      `;
      const file = parseYaml('t.yaml', text);
      assert.equal(file.parseError, undefined);
      assert.deepEqual(
        file.comments.map((comment) => comment.value),
        [' header', ' after', ' last'],
      );
      assertSpan(text, file.comments[0], '# header');
      assertSpan(text, file.comments[1], '# after');
      assertSpan(text, file.comments[2], '# last');
      const plainHash = get(file.documents[0], 'C');
      assert.ok(isScalar(plainHash));
      assert.equal(plainHash.value, 'plain#notcomment');
    });
  });

  describe('anchors and aliases', () => {
    it('an alias becomes the anchored tree, with the anchor ranges', () => {
      const text = dedent`
        Base: &base
          Runtime: nodejs20.x
          Role: &role !GetAtt Role.Arn
        Copy: *base
        Again: *role
      `;
      const root = only(text);
      assert.deepEqual(plain(get(root, 'Copy') as DocNode), { Runtime: 'nodejs20.x', Role: { 'Fn::GetAtt': ['Role', 'Arn'] } });
      assertSpan(text, get(root, 'Copy'), 'Runtime: nodejs20.x\n  Role: &role !GetAtt Role.Arn');
      assert.deepEqual(get(root, 'Copy')?.range, get(root, 'Base')?.range);
      assertSpan(text, get(root, 'Again'), '!GetAtt Role.Arn');
      assert.equal(intrinsicName(get(root, 'Again')), 'Fn::GetAtt');
    });

    it('keeps merge keys as plain entries', () => {
      const text = 'base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n';
      const child = get(only(text), 'child');
      assert.deepEqual(plain(child as DocNode), { '<<': { x: 1 }, y: 2 });
    });

    it('an alias cycle becomes a null scalar at the alias and a parse error', () => {
      const text = 'a: &x [1, *x]\n';
      const file = parseYaml('t.yaml', text);
      assert.ok(file.parseError);
      assert.match(file.parseError.message, /\*x refers to a node that contains it/);
      assertSpan(text, file.parseError, '*x');
      const list = get(file.documents[0], 'a');
      assert.ok(isSeq(list));
      const alias = list.items[1];
      assert.ok(isScalar(alias));
      assert.equal(alias.value, null);
      assertSpan(text, alias, '*x');
    });

    it('an unknown alias is a parse error at the alias', () => {
      const text = 'a: 1\nb: *missing\n';
      const file = parseYaml('t.yaml', text);
      assert.equal(file.parseError?.message, 'Unknown alias *missing');
      assertSpan(text, file.parseError, '*missing');
    });

    it('caps the expansion of a billion-laughs document', () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
      let text = `a: &a [${Array(9).fill('"lol"').join(', ')}]\n`;
      for (let level = 1; level < names.length; level++) {
        text += `${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]\n`;
      }
      const file = parseYaml('bomb.yaml', text);
      assert.equal(file.parseError?.message, `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} nodes`);
      const written = countNodes(parseYaml('flat.yaml', text.replace(/\*[a-i]/g, 'x')).documents);
      const count = countNodes(file.documents);
      // Unbounded, the last level alone would be 9^9 (387 million) scalars.
      assert.ok(count <= MAX_ALIAS_EXPANSION_NODES + written, `${count} nodes`);
      assert.ok(count > MAX_ALIAS_EXPANSION_NODES / 2, `${count} nodes: expansion went on up to the cap`);
    });

    it('expands aliases fully below the cap', () => {
      const text = 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n';
      const file = parseYaml('t.yaml', text);
      assert.equal(file.parseError, undefined);
      const c = get(file.documents[0], 'c');
      assert.ok(c);
      assert.deepEqual(plain(c), Array(3).fill(Array(3).fill(['x', 'x', 'x'])));
      // c: 1 seq + 3 × (1 seq + 3 × (1 seq + 3 scalars))
      assert.equal(countNodes([c]), 1 + 3 * (1 + 3 * 4));
    });
  });

  describe('errors', () => {
    it('reports the first syntax error on one line with its position, and no broken document', () => {
      const text = 'a: "unterminated\nb: 1\n';
      const file = parseYaml('t.yaml', text);
      assert.deepEqual(file.parseError, { message: 'Missing closing "quote', range: { start: text.length, end: text.length } });
      assert.deepEqual(file.documents, []);
    });

    it('keeps the documents without errors', () => {
      const text = 'x: [1\ny: 2\n---\nz: 3\n';
      const file = parseYaml('t.yaml', text);
      assert.ok(file.parseError);
      assert.doesNotMatch(file.parseError.message, /\n/);
      assert.match(file.parseError.message, /Flow sequence/);
      assert.deepEqual(file.parseError.range, { start: 6, end: 7 });
      assert.deepEqual(file.documents.map(plain), [{ z: 3 }]);
    });

    it('reports bad indentation at the offending token', () => {
      const text = 'a:\n  b: 1\n c: 2\n';
      const file = parseYaml('t.yaml', text);
      assert.ok(file.parseError);
      assert.ok(file.parseError.range.start >= text.indexOf(' c: 2'), JSON.stringify(file.parseError));
      assert.ok(file.parseError.range.start <= text.indexOf('c: 2'), JSON.stringify(file.parseError));
    });
  });

  it('parseSourceFile dispatches .yml and .yaml here', () => {
    for (const path of ['serverless.yml', 'template.YAML']) {
      const file = parseSourceFile(path, 'service: app\n');
      assert.ok(file.language === 'yaml', file.language);
      assert.deepEqual(file.documents.map(plain), [{ service: 'app' }]);
    }
  });

  it('an empty file has no documents and no error', () => {
    const file = parseYaml('empty.yaml', '');
    assert.deepEqual(file.documents, []);
    assert.equal(file.parseError, undefined);
  });
});
