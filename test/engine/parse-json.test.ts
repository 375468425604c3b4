import assert from 'node:assert/strict';
import type { Range } from '../../rules/engine/types';
import { get, getPath, isMap, isScalar, isSeq, type DocNode } from '../../rules/parse/document';
import { parseSourceFile } from '../../rules/parse/index';
import { parseJson } from '../../rules/parse/json';
import { assertSpan, plain } from '../helpers/document';

function only(text: string): DocNode {
  const file = parseJson('template.json', text);
  assert.equal(file.parseError, undefined, file.parseError?.message);
  const [document, ...rest] = file.documents;
  assert.ok(document);
  assert.equal(rest.length, 0);
  return document;
}

describe('parseJson', () => {
  it('converts every JSON value with its type', () => {
    const text = '{"s": "text", "n": -1.5e2, "i": 12, "t": true, "f": false, "z": null, "a": [1, "2"], "o": {}}';
    assert.deepEqual(plain(only(text)), { s: 'text', n: -150, i: 12, t: true, f: false, z: null, a: [1, '2'], o: {} });
  });

  it('ranges cover each token, quotes included for strings', () => {
    const text = '{\n  "Resources": {\n    "Fn": {"Type": "AWS::Lambda::Function", "Timeout": 30, "Layers": []}\n  }\n}\n';
    const root = only(text);
    assertSpan(text, root, text.trimEnd(), 0);
    assert.ok(isMap(root));
    const resourcesKey = root.entries[0]?.key;
    assertSpan(text, resourcesKey, '"Resources"', 4);
    assert.equal(resourcesKey?.value, 'Resources');
    assert.equal(resourcesKey?.quoted, true);
    const fn = getPath(root, 'Resources', 'Fn');
    assertSpan(text, fn, '{"Type": "AWS::Lambda::Function", "Timeout": 30, "Layers": []}');
    const type = get(fn, 'Type');
    assertSpan(text, type, '"AWS::Lambda::Function"');
    assert.ok(isScalar(type));
    assert.equal(type.quoted, true);
    const timeout = get(fn, 'Timeout');
    assertSpan(text, timeout, '30');
    assert.ok(isScalar(timeout));
    assert.equal(timeout.quoted, false);
    assertSpan(text, get(fn, 'Layers'), '[]');
  });

  it('unescapes strings but ranges the escaped source', () => {
    const text = '["a\\u0041\\n"]';
    const root = only(text);
    assert.ok(isSeq(root));
    const item = root.items[0];
    assert.ok(isScalar(item));
    assert.equal(item.value, 'aA\n');
    assertSpan(text, item, '"a\\u0041\\n"', 1);
  });

  it('keeps exact offsets after a byte order mark', () => {
    const text = '\uFEFF{"Key": "value"}';
    const root = only(text);
    assertSpan(text, root, '{"Key": "value"}', 1);
    assertSpan(text, get(root, 'Key'), '"value"', 9);
  });

  it('keeps exact offsets with CRLF line endings', () => {
    const text = '{\r\n  "a": 1,\r\n  "b": [\r\n    true\r\n  ]\r\n}\r\n';
    const root = only(text);
    assertSpan(text, get(root, 'b'), '[\r\n    true\r\n  ]');
    assertSpan(text, getPath(root, 'a'), '1');
  });

  it('collects comments, but not comment markers inside strings', () => {
    const text = '// header\n{"url": "http://x // y", /* block */ "n": 1}';
    const file = parseJson('tsconfig.json', text);
    assert.equal(file.parseError, undefined);
    assert.deepEqual(
      file.comments.map((comment) => comment.value),
      [' header', ' block '],
    );
    assertSpan(text, file.comments[0], '// header', 0);
    assertSpan(text, file.comments[1], '/* block */');
    assert.deepEqual(plain(file.documents[0] as DocNode), { url: 'http://x // y', n: 1 });
  });

  it('duplicate keys: the last one wins, as in JSON.parse', () => {
    const text = '{"a": 1, "b": 2, "a": 3}';
    const root = only(text);
    assert.ok(isMap(root));
    assert.deepEqual(
      root.entries.map((entry) => entry.key.value),
      ['b', 'a'],
    );
    assertSpan(text, get(root, 'a'), '3');
    assert.deepEqual(plain(root), JSON.parse(text));
  });

  describe('errors', () => {
    const cases: Array<{ name: string; text: string; message: string; range: Range }> = [
      { name: 'a trailing comma', text: '{"a": 1,}', message: 'Property name expected', range: { start: 8, end: 9 } },
      { name: 'a missing colon', text: '{"a" 1}', message: 'Colon expected', range: { start: 5, end: 6 } },
      { name: 'an unclosed array', text: '[1, 2', message: 'Close bracket expected', range: { start: 5, end: 5 } },
      { name: 'a second value', text: '"x" "y"', message: 'End of file expected', range: { start: 4, end: 7 } },
      { name: 'a stray symbol', text: '{"a": @}', message: 'Invalid symbol', range: { start: 6, end: 7 } },
    ];
    for (const { name, text, message, range } of cases) {
      it(`reports ${name} with a readable message at the parser's position`, () => {
        const file = parseJson('t.json', text);
        assert.deepEqual(file.parseError, { message, range });
        assert.deepEqual(file.documents, []);
      });
    }

    it('an empty or blank file is a parse error', () => {
      for (const text of ['', '  \n', '\uFEFF']) {
        const file = parseJson('t.json', text);
        assert.deepEqual(file.parseError, { message: 'Empty JSON file', range: { start: 0, end: 0 } });
        assert.deepEqual(file.documents, []);
      }
    });
  });

  it('parseSourceFile dispatches .json and .template here', () => {
    for (const path of ['policy.json', 'stack.template']) {
      const file = parseSourceFile(path, '{"Version": "2012-10-17"}');
      assert.ok(file.language === 'json', file.language);
      assert.deepEqual(file.documents.map(plain), [{ Version: '2012-10-17' }]);
    }
  });

  it('parseSourceFile never throws, even on nesting deep enough to exhaust the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let file: ReturnType<typeof parseSourceFile> | undefined;
    assert.doesNotThrow(() => {
      file = parseSourceFile('deep.json', text);
    });
    assert.ok(file?.language === 'json');
    // Either it parsed, or it says why not; never both, never neither.
    assert.notEqual(file.parseError === undefined, file.documents.length === 0);
  });
});
