import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { pascalName, toSarif } from '../../cli/src/format/sarif';
import { formatText } from '../../cli/src/format/text';
import { run } from '../../cli/src/run';
import { DOCS_BASE_URL } from '../../rules/index';
import { crashRule, lines, makeTempFolder, TEST_RULES, writeFiles } from './helpers';

const SCHEMA_FILE = path.join(__dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The official SARIF 2.1.0 schema (draft-04), with its three string formats checked for real. */
function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, // the schema's language pattern is not valid in unicode mode
    unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  // A relative reference: only RFC 3986 characters (so spaces must be %-encoded) and resolvable.
  ajv.addFormat('uri-reference', (value: string) => /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(value) && URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));
}

describe('cli SARIF output', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());
  const validate = sarifValidator();

  const appFiles = {
    'serverless.yml': lines(
      'service: demo',
      'provider:',
      '  # serverless-security-lint-disable-next-line injection/test-danger -- only a comment in a test',
      '  role: ROLE # DANGER',
    ),
    'src/my handler.js': lines(
      'const input = SOURCE;',
      'var x = input;',
      'run(DANGER);',
      '// serverless-security-lint-disable-next-line injection/test-danger -- reviewed: constant input',
      'run(DANGER);',
    ),
  };

  let log: Sarif.Log;
  let root: string;
  before(async () => {
    root = path.join(temp.root, 'app');
    writeFiles(root, appFiles);
    log = toSarif(await run({ cwd: root, rules: TEST_RULES }));
  });

  const theRun = (): Sarif.Run => {
    const only = log.runs[0];
    assert.ok(only, 'one run');
    return only;
  };
  const results = (): Sarif.Result[] => theRun().results ?? [];

  it('is valid against the official SARIF 2.1.0 schema', () => {
    assert.deepEqual(validate(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
  });

  it('the validator rejects a broken log (so the check above means something)', () => {
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const first = broken.runs[0]?.results[0];
    assert.ok(first);
    first.level = 'fatal';
    const location = first.locations[0];
    assert.ok(location);
    location.physicalLocation.artifactLocation.uri = 'src/my handler.js';
    const errors = validate(broken);
    assert.ok(errors.some((error) => error.includes('/level')), errors.join('\n'));
    assert.ok(errors.some((error) => error.includes('/uri')), errors.join('\n'));
  });

  it('describes the tool and every rule', () => {
    const driver = theRun().tool.driver;
    assert.equal(driver.name, 'serverless-security-lint');
    assert.equal(driver.version, (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    assert.deepEqual(
      driver.rules?.map((rule) => rule.id),
      ['injection/test-danger', 'config/test-var', 'errors/test-note', 'parse-error', 'internal-error'],
    );
    assert.deepEqual(driver.rules?.[0], {
      id: 'injection/test-danger',
      name: 'TestDanger',
      shortDescription: { text: 'Flag DANGER in test files' },
      helpUri: `${DOCS_BASE_URL}injection/test-danger.md`,
      help: {
        text: `Flag DANGER in test files. See ${DOCS_BASE_URL}injection/test-danger.md`,
        markdown: `Flag DANGER in test files. [Documentation](${DOCS_BASE_URL}injection/test-danger.md)`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['injection', 'CWE-78', 'security'], 'security-severity': '8.0' },
    });
    assert.deepEqual(
      driver.rules?.map((rule) => rule.defaultConfiguration?.level),
      ['error', 'warning', 'note', 'error', 'warning'],
    );
  });

  it('states UTF-16 columns and the source root', () => {
    assert.equal(theRun().columnKind, 'utf16CodeUnits');
    assert.deepEqual(theRun().originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(`${root}/`).href } });
  });

  it('reports each result with its rule index, level, relative encoded uri and 1-based region', () => {
    const summary = results().map((result) => ({
      ruleId: result.ruleId,
      ruleIndex: result.ruleIndex,
      level: result.level,
      uri: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      uriBaseId: result.locations?.[0]?.physicalLocation?.artifactLocation?.uriBaseId,
      region: result.locations?.[0]?.physicalLocation?.region,
      suppressed: result.suppressions?.length,
    }));
    assert.deepEqual(summary, [
      {
        ruleId: 'injection/test-danger',
        ruleIndex: 0,
        level: 'error',
        uri: 'serverless.yml',
        uriBaseId: '%SRCROOT%',
        region: { startLine: 4, startColumn: 16, endLine: 4, endColumn: 22 },
        suppressed: 1,
      },
      {
        ruleId: 'config/test-var',
        ruleIndex: 1,
        level: 'warning',
        uri: 'src/my%20handler.js',
        uriBaseId: '%SRCROOT%',
        region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 },
        suppressed: 0,
      },
      {
        ruleId: 'injection/test-danger',
        ruleIndex: 0,
        level: 'error',
        uri: 'src/my%20handler.js',
        uriBaseId: '%SRCROOT%',
        region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 },
        suppressed: 0,
      },
      {
        ruleId: 'injection/test-danger',
        ruleIndex: 0,
        level: 'error',
        uri: 'src/my%20handler.js',
        uriBaseId: '%SRCROOT%',
        region: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 11 },
        suppressed: 1,
      },
    ]);
  });

  it('gives related locations ids, messages and their own files', () => {
    const danger = results()[2];
    assert.deepEqual(danger?.relatedLocations, [
      {
        id: 1,
        message: { text: 'the value comes from here' },
        physicalLocation: {
          artifactLocation: { uri: 'src/my%20handler.js', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 15, endLine: 1, endColumn: 21 },
        },
      },
      {
        id: 2,
        message: { text: 'the role is granted here' },
        physicalLocation: {
          artifactLocation: { uri: 'serverless.yml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 13 },
        },
      },
    ]);
  });

  it('marks findings under a suppression comment as suppressed in source, with the justification', () => {
    const suppressed = results()[3];
    assert.deepEqual(suppressed?.suppressions, [
      {
        kind: 'inSource',
        justification: 'reviewed: constant input',
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'src/my%20handler.js', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 96 },
          },
        },
      },
    ]);
    assert.equal(results()[0]?.suppressions?.[0]?.justification, 'only a comment in a test');
  });

  it('does not count suppressed findings as problems in the text summary', async () => {
    const result = await run({ cwd: root, rules: TEST_RULES });
    const text = formatText(result, { color: false });
    assert.match(text, /\n✖ 2 problems \(1 error, 1 warning, 0 info\), 2 suppressed\n/);
    assert.doesNotMatch(text, /5:5/, 'the suppressed finding is not listed');
    assert.equal(result.exitCode, 1);
  });

  it('exits 0 when the only error is suppressed', async () => {
    const only = path.join(temp.root, 'suppressed-only');
    writeFiles(only, {
      'a.js': lines('// serverless-security-lint-disable-next-line -- every rule', 'run(DANGER);'),
    });
    const result = await run({ cwd: only, rules: TEST_RULES });
    assert.equal(result.exitCode, 0);
    assert.equal(formatText(result, { color: false }), lines('✔ no problems in 1 file, 1 suppressed'));
  });

  it('offers fix-kind fixes as SARIF fixes, not suggestions', () => {
    assert.deepEqual(results()[1]?.fixes, [
      {
        description: { text: 'Replace var with let' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/my%20handler.js', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 }, insertedContent: { text: 'let' } },
            ],
          },
        ],
      },
    ]);
    assert.equal(results()[2]?.fixes, undefined);
  });

  it('uses an absolute file URI for a file outside the working folder', async () => {
    const outside = path.join(temp.root, 'outside');
    writeFiles(outside, { 'x.js': lines('DANGER') });
    const inner = path.join(temp.root, 'inner');
    fs.mkdirSync(inner);
    const sarif = toSarif(await run({ cwd: inner, paths: ['../outside'], rules: TEST_RULES }));
    assert.deepEqual(validate(sarif), []);
    assert.deepEqual(sarif.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation, {
      uri: pathToFileURL(path.join(outside, 'x.js')).href,
    });
  });

  it('reports rule crashes as an unsuccessful invocation', async () => {
    const crashRoot = path.join(temp.root, 'crash');
    writeFiles(crashRoot, { 'a.js': lines('CRASH') });
    const sarif = toSarif(await run({ cwd: crashRoot, rules: [crashRule] }));
    assert.deepEqual(validate(sarif), []);
    assert.deepEqual(sarif.runs[0]?.invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [{ level: 'error', message: { text: 'Rule auth/test-crash failed on a.js: boom' } }],
      },
    ]);
    const result = sarif.runs[0]?.results?.[0];
    assert.equal(result?.ruleId, 'internal-error');
    assert.equal(sarif.runs[0]?.tool.driver.rules?.[result?.ruleIndex ?? -1]?.id, 'internal-error');
  });

  it('names rules in PascalCase from the id', () => {
    assert.equal(pascalName('iam/wildcard-action'), 'WildcardAction');
    assert.equal(pascalName('secrets/aws-access-key'), 'AwsAccessKey');
    assert.equal(pascalName('parse-error'), 'ParseError');
  });
});
