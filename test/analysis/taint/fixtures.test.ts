/**
 * Realistic multi-file projects under test/fixtures/injection/: a serverless handler that imports
 * a local database module and a request-helper module and queues work for an SQS consumer, an
 * Express app in Lambda through serverless-http, and an Azure Functions v4 app whose HTTP
 * function feeds a queue-triggered one. Each `vulnerable/` project has exactly the findings below
 * (rule, file:line:column, message source, related path); each `safe/` twin (bound parameters,
 * allow-lists, `path.basename`, escaping, `execFile` without a shell) has none.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../../rules/checks/index';
import { LineIndex, toOneBased } from '../../../rules/engine/positions';
import { Project } from '../../../rules/engine/project';
import { lintFile } from '../../../rules/engine/runner';
import type { Range } from '../../../rules/engine/types';

const FIXTURES = path.resolve(__dirname, '../../fixtures/injection');
const INJECTION_RULES = ALL_RULES.filter((rule) => rule.family === 'injection');

function filesUnder(root: string, folder = ''): [string, string][] {
  return readdirSync(path.join(root, folder))
    .sort()
    .flatMap((name): [string, string][] => {
      const relative = folder ? `${folder}/${name}` : name;
      const full = path.join(root, relative);
      if (statSync(full).isDirectory()) return filesUnder(root, relative);
      return [[relative, readFileSync(full, 'utf8')]];
    });
}

/** Each finding as `rule file:line:column source`, each related location indented below it. */
function findings(project: string): string[] {
  const files = filesUnder(path.join(FIXTURES, project));
  const texts = new Map(files);
  const at = (file: string, range: Range) => {
    const { line, column } = toOneBased(new LineIndex(texts.get(file) ?? ''), range);
    return `${file}:${line}:${column}`;
  };
  const lines: string[] = [];
  const lint = new Project(files);
  for (const [file] of files) {
    for (const finding of lintFile(lint, file, { rules: INJECTION_RULES, onInternalError: (error) => { throw error; } })) {
      lines.push(`${finding.ruleId} ${at(finding.file, finding.range)} ${finding.data?.['source'] ?? ''}`);
      for (const related of finding.related) lines.push(`  ${at(related.file ?? finding.file, related.range)} ${related.message}`);
    }
  }
  return lines;
}

describe('taint engine: realistic fixtures', () => {
  it('lambda-modules: SQL in the imported db module, a path through the util module, a shell command in the SQS consumer', () => {
    assert.deepEqual(findings('lambda-modules/vulnerable'), [
      'injection/command src/handlers/export.js:8:14 event.Records[*].body',
      '  src/handlers/export.js:6:24 event.Records[*].body (SQS message body)',
      '  src/handlers/export.js:6:14 record',
      '  src/handlers/export.js:7:13 report',
      '  src/handlers/export.js:8:14 shell command',
      '  src/handlers/orders.js:18:18 the message is sent by function listOrders from event.pathParameters.customerId (path parameter)',
      '  src/lib/util.js:8:15 event.pathParameters.customerId (path parameter)',
      '  src/lib/util.js:7:20 event (parameter of filters)',
      '  src/handlers/orders.js:12:42 returned by filters()',
      '  src/handlers/orders.js:12:11 customerId',
      '  src/handlers/orders.js:14:9 name',
      'injection/path src/handlers/orders.js:15:19 event.pathParameters.customerId',
      '  src/lib/util.js:8:15 event.pathParameters.customerId (path parameter)',
      '  src/lib/util.js:7:20 event (parameter of filters)',
      '  src/handlers/orders.js:12:42 returned by filters()',
      '  src/handlers/orders.js:12:11 customerId',
      '  src/handlers/orders.js:14:9 name',
      '  src/lib/util.js:13:23 name (parameter of reportPath)',
      '  src/handlers/orders.js:15:19 returned by reportPath()',
      '  src/handlers/orders.js:15:19 file path',
      'injection/sql src/lib/db.js:10:35 event.pathParameters.customerId',
      '  src/lib/util.js:8:15 event.pathParameters.customerId (path parameter)',
      '  src/lib/util.js:7:20 event (parameter of filters)',
      '  src/handlers/orders.js:12:42 returned by filters()',
      '  src/handlers/orders.js:12:11 customerId',
      '  src/lib/db.js:7:27 customerId (parameter of findOrders)',
      '  src/lib/db.js:8:7 sql',
      '  src/lib/db.js:10:35 query text',
    ]);
  });

  it('express-lambda: SQL in the imported catalogue module, SSRF and XSS in the routes', () => {
    assert.deepEqual(findings('express-lambda/vulnerable'), [
      'injection/sql src/catalogue.js:9:5 req.query.q',
      '  src/lambda.js:12:43 req.query.q (query string)',
      '  src/catalogue.js:7:25 term (parameter of search)',
      '  src/catalogue.js:9:5 query text',
      'injection/ssrf src/lambda.js:18:33 req.query.source',
      '  src/lambda.js:18:33 req.query.source (query string)',
      '  src/lambda.js:18:33 request URL',
      'injection/xss src/lambda.js:23:12 req.query.name',
      '  src/lambda.js:23:33 req.query.name (query string)',
      '  src/lambda.js:23:12 HTML response body',
    ]);
  });

  it('azure-v4: a path and a redirect in HTTP functions, a shell command in the queue function the upload feeds', () => {
    assert.deepEqual(findings('azure-v4/vulnerable'), [
      "injection/path src/functions/documents.ts:15:35 request.query.get('file')",
      "  src/functions/documents.ts:14:18 request.query.get('file') (query string)",
      '  src/functions/documents.ts:14:11 file',
      '  src/functions/documents.ts:15:35 file path',
      "injection/redirect src/functions/documents.ts:23:48 request.query.get('next')",
      "  src/functions/documents.ts:22:18 request.query.get('next') (query string)",
      '  src/functions/documents.ts:22:11 next',
      '  src/functions/documents.ts:23:48 Location header',
      'injection/command src/functions/documents.ts:42:10 job.name',
      '  src/functions/documents.ts:41:13 job.name (trigger message)',
      '  src/functions/documents.ts:41:13 name',
      '  src/functions/documents.ts:42:10 shell command',
      '  src/functions/documents.ts:32:42 the message is sent by function upload from request.json().name (HTTP request body)',
      '  src/functions/documents.ts:31:13 request.json().name (HTTP request body)',
      '  src/functions/documents.ts:31:13 name',
    ]);
  });

  for (const project of ['lambda-modules', 'express-lambda', 'azure-v4']) {
    it(`${project}/safe: the parameterised and sanitised twin has no injection finding`, () => {
      assert.deepEqual(findings(`${project}/safe`), []);
    });
  }
});
