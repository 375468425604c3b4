/**
 * Which handlers a file's check looks at (rules/analysis/taint/index.ts `handlerIndex`): the
 * handlers whose relative imports reach the file, found in their texts. Checking one file of a
 * workspace parses neither the unrelated handlers nor the modules only they import.
 */
import * as assert from 'node:assert/strict';
import command from '../../../rules/checks/injection/command';
import { Project } from '../../../rules/engine/project';
import { lintFile } from '../../../rules/engine/runner';
import type { FilePath } from '../../../rules/engine/types';
import { PINNED_NOW } from '../../helpers/now';

const TEMPLATE = [
  'service: shop',
  'provider:',
  '  name: aws',
  '  runtime: nodejs20.x',
  'functions:',
  '  orders:',
  '    handler: src/orders.handler',
  '  users:',
  '    handler: src/users.handler',
  '  audit:',
  '    handler: src/audit.handler',
  '',
].join('\n');

const RUNNER = [
  "const { exec } = require('child_process');",
  'exports.run = (command) => exec(command);',
  '',
].join('\n');

/** A project whose `sourceFile` calls are recorded: which files a check made it parse. */
function recordingProject(files: Record<string, string>): { project: Project; parsed: Set<FilePath> } {
  const project = new Project(Object.entries(files).map(([path, text]) => [`/app/${path}`, text] as const));
  const parsed = new Set<FilePath>();
  const original = project.sourceFile.bind(project);
  project.sourceFile = (path: FilePath) => {
    parsed.add(path);
    return original(path);
  };
  return { project, parsed };
}

function commandFindings(project: Project, path: string): string[] {
  return lintFile(project, `/app/${path}`, { rules: [command], now: PINNED_NOW }).map(
    (finding) => `${finding.ruleId} ${finding.range.start}-${finding.range.end} ${finding.message}`,
  );
}

describe('taint: the handlers a file check reads', () => {
  const files = {
    'serverless.yml': TEMPLATE,
    'src/lib/runner.js': RUNNER,
    'src/orders.js': "const { run } = require('./lib/runner');\nexports.handler = async (event) => run(event.body);\n",
    'src/users.js': "const helpers = require('./lib/helpers');\nexports.handler = async (event) => helpers.greet(event.body);\n",
    'src/lib/helpers.js': 'exports.greet = (name) => `hello ${name}`;\n',
    'src/audit.js': 'exports.handler = async () => ({ statusCode: 204 });\n',
  };

  it('reports a flow from the importing handler in the imported module, parsing only that handler', () => {
    const { project, parsed } = recordingProject(files);
    const findings = commandFindings(project, 'src/lib/runner.js');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!, /^injection\/command 75-82 /);
    assert.deepEqual(
      [...parsed].filter((path) => path.endsWith('.js')).sort(),
      ['/app/src/lib/runner.js', '/app/src/orders.js'],
    );
  });

  it('checks a handler without parsing the other handlers or their modules', () => {
    const { project, parsed } = recordingProject(files);
    assert.deepEqual(commandFindings(project, 'src/audit.js'), []);
    assert.deepEqual([...parsed].filter((path) => path.endsWith('.js')), ['/app/src/audit.js']);
  });

  it('sees a handler that starts importing the module after an edit', () => {
    const { project } = recordingProject(files);
    assert.equal(commandFindings(project, 'src/lib/runner.js').length, 1);
    project.setFile('/app/src/audit.js', "const { run } = require('./lib/runner');\nexports.handler = async (event) => run(event.queryStringParameters.cmd);\n");
    // Both handlers reach the same sink argument: one finding, whose path starts at the first handler's flow.
    const after = lintFile(project, '/app/src/lib/runner.js', { rules: [command], now: PINNED_NOW });
    assert.equal(after.length, 1);
    assert.deepEqual([...new Set(after[0]!.related?.map((related) => related.file))].sort(), ['/app/src/lib/runner.js', '/app/src/orders.js']);
    // Once the first handler no longer imports it, the path starts at the new one.
    project.setFile('/app/src/orders.js', 'exports.handler = async () => ({ statusCode: 204 });\n');
    const onlyAudit = lintFile(project, '/app/src/lib/runner.js', { rules: [command], now: PINNED_NOW });
    assert.equal(onlyAudit.length, 1);
    assert.deepEqual([...new Set(onlyAudit[0]!.related?.map((related) => related.file))].sort(), ['/app/src/audit.js', '/app/src/lib/runner.js']);
    assert.match(onlyAudit[0]!.message, /event\.queryStringParameters\.cmd/);
  });
});
