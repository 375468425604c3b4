import assert from 'node:assert/strict';
import { LineIndex, RULES_BY_ID, type Finding } from '../../rules/index';
import { diagnosticData, findingKey, toDiagnostic, toDiagnostics } from '../../server/src/diagnostics';

const TEMPLATE = 'Resources:\n  Role:\n    Action: "s3:*"\n';
const HANDLER = 'exports.handler = async (event) => {\r\n  run(event.body);\r\n};\r\n';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'iam/wildcard-action',
    severity: 'error',
    messageId: 'wildcard',
    data: { action: 's3:*' },
    message: '"s3:*" allows every action of s3.',
    file: '/w/template.yaml',
    range: { start: TEMPLATE.indexOf('"s3:*"'), end: TEMPLATE.indexOf('"s3:*"') + 6 },
    related: [],
    fixes: [],
    ...overrides,
  };
}

const locate = (file: string) =>
  file === '/w/handler.js' ? { uri: 'file:///w/handler.js', positions: new LineIndex(HANDLER) } : undefined;

describe('server: findings to diagnostics', () => {
  it('converts offsets to 0-based positions and fills code, link, source and data', () => {
    const diagnostic = toDiagnostic(finding(), new LineIndex(TEMPLATE), locate);
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 18 } });
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.code, 'iam/wildcard-action');
    assert.equal(diagnostic.source, 'serverless-security-lint');
    assert.equal(diagnostic.message, '"s3:*" allows every action of s3.');
    assert.deepEqual(diagnostic.codeDescription, { href: RULES_BY_ID.get('iam/wildcard-action')?.docs.url });
    assert.deepEqual(diagnosticData(diagnostic), { ruleId: 'iam/wildcard-action', key: findingKey(finding()) });
    assert.equal(diagnostic.relatedInformation, undefined);
  });

  it('maps severities', () => {
    const lines = new LineIndex(TEMPLATE);
    assert.equal(toDiagnostic(finding({ severity: 'warning' }), lines, locate).severity, 2);
    assert.equal(toDiagnostic(finding({ severity: 'info' }), lines, locate).severity, 3);
  });

  it('turns related locations in other files into relatedInformation, skipping unknown files', () => {
    const start = HANDLER.indexOf('event.body');
    const diagnostic = toDiagnostic(
      finding({
        related: [
          { file: '/w/handler.js', range: { start, end: start + 10 }, message: 'event data enters here' },
          { file: '/w/gone.js', range: { start: 0, end: 1 }, message: 'no longer indexed' },
        ],
      }),
      new LineIndex(TEMPLATE),
      locate,
    );
    assert.deepEqual(diagnostic.relatedInformation, [
      {
        location: { uri: 'file:///w/handler.js', range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } } },
        message: 'event data enters here',
      },
    ]);
  });

  it('gives engine findings no docs link and hides suppressed findings', () => {
    const parseError = finding({ ruleId: 'parse-error', messageId: 'parseError', message: 'bad' });
    assert.equal(toDiagnostic(parseError, new LineIndex(TEMPLATE), locate).codeDescription, undefined);
    const suppressed = finding({ suppressed: { kind: 'inSource', location: { file: '/w/template.yaml', range: { start: 0, end: 1 } } } });
    assert.deepEqual(toDiagnostics([suppressed, parseError], new LineIndex(TEMPLATE), locate).map((each) => each.code), ['parse-error']);
  });

  it('keys findings by rule, range and message, and rejects foreign data', () => {
    assert.equal(findingKey(finding()), findingKey(finding()));
    assert.notEqual(findingKey(finding()), findingKey(finding({ message: 'other' })));
    assert.notEqual(findingKey(finding()), findingKey(finding({ range: { start: 0, end: 6 } })));
    assert.equal(diagnosticData({ range: toDiagnostic(finding(), new LineIndex(TEMPLATE), locate).range, message: '', data: 3 }), undefined);
  });
});
