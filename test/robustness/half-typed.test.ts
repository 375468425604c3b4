/**
 * A file that stops parsing while it is being typed (issue 9): its own findings are its parse
 * error, and what other files learn from it is its last text that parsed, so their findings
 * neither vanish nor change until the edit is done.
 */
import assert from 'node:assert/strict';
import { lintFile, Project } from '../../rules/index';
import { PINNED_NOW as NOW } from '../helpers/now';

const TEMPLATE = `service: photos
provider:
  name: aws
  runtime: nodejs24.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - s3:GetObject
            - dynamodb:PutItem
          Resource: arn:aws:s3:::photos/*
functions:
  read:
    handler: src/read.handler
`;

const READ = `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { run } = require('./shell');
const s3 = new S3Client({});

exports.handler = async (event) => {
  run(event.body);
  return s3.send(new GetObjectCommand({ Bucket: 'photos', Key: event.key }));
};
`;

const SHELL = `const { exec } = require('child_process');

exports.run = (command) => exec('ls ' + command);
`;

function findings(project: Project, file: string): string[] {
  return lintFile(project, file, { now: NOW }).map((finding) => `${finding.ruleId} ${finding.range.start}-${finding.range.end}: ${finding.message}`);
}

describe('a half-typed file', () => {
  const putItem = TEMPLATE.indexOf('dynamodb:PutItem');
  const unusedPutItem = `iam/unused-permission ${putItem}-${putItem + 16}: "dynamodb:PutItem" is granted to function read, whose code never calls it; remove it.`;
  const sink = SHELL.indexOf(`'ls ' + command`);
  const injection = `injection/command ${sink}-${sink + 15}: exec runs a shell command built from event.body; pass the value as an argument to execFile without a shell.`;

  function project(): Project {
    return new Project([
      ['/w/serverless.yml', TEMPLATE],
      ['/w/src/read.js', READ],
      ['/w/src/shell.js', SHELL],
    ]);
  }

  it('reports its own parse error while other files keep its last parsed contribution', () => {
    const files = project();
    assert.deepEqual(findings(files, '/w/serverless.yml'), [unusedPutItem]);
    assert.deepEqual(findings(files, '/w/src/shell.js'), [injection]);

    const halfTyped = READ.replace('run(event.body);', 'run(event.body;');
    files.setFile('/w/src/read.js', halfTyped);
    const semicolon = halfTyped.indexOf('run(event.body;') + 'run(event.body'.length;
    assert.deepEqual(findings(files, '/w/src/read.js'), [`parse-error ${semicolon}-${semicolon + 1}: ')' expected.`]);
    assert.deepEqual(findings(files, '/w/serverless.yml'), [unusedPutItem]);
    assert.deepEqual(findings(files, '/w/src/shell.js'), [injection]);

    files.setFile('/w/src/read.js', READ);
    assert.deepEqual(findings(files, '/w/src/read.js'), []);
    assert.equal(files.stableSourceFile('/w/src/read.js'), files.sourceFile('/w/src/read.js'));
  });

  it('keeps the last text that parsed through texts that were never parsed', () => {
    const files = project();
    const parsed = files.sourceFile('/w/src/read.js');
    // Keystrokes faster than the analysis: texts set and replaced without being parsed.
    files.setFile('/w/src/read.js', READ.replace('run(event.body);', 'run(event.bo'));
    files.setFile('/w/src/read.js', READ.replace('run(event.body);', 'run(event.bod'));
    assert.ok(files.sourceFile('/w/src/read.js')?.parseError);
    assert.equal(files.stableSourceFile('/w/src/read.js'), parsed);
  });

  it('has nothing to fall back on when the file never parsed', () => {
    const files = new Project([['/w/a.js', 'const = ;']]);
    const current = files.sourceFile('/w/a.js');
    assert.ok(current?.parseError);
    assert.equal(files.stableSourceFile('/w/a.js'), current);
  });

  it('lets a half-typed template keep its functions in the project model', () => {
    const files = project();
    assert.deepEqual(files.model.functions.map((fn) => fn.name), ['read']);
    files.setFile('/w/serverless.yml', TEMPLATE.replace('functions:', 'functions: ['));
    assert.match(findings(files, '/w/serverless.yml')[0] ?? '', /^parse-error /);
    assert.deepEqual(files.model.functions.map((fn) => fn.name), ['read']);
    assert.deepEqual(findings(files, '/w/src/shell.js'), [injection]);
  });
});
