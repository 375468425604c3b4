/**
 * The "Show Least-Privilege Policy" server command over a real LSP connection: the policy of the
 * function a template defines or a handler implements, in the template's syntax, the choice when
 * a file has several functions, and the errors.
 */
import * as assert from 'node:assert/strict';
import { Commands, type LeastPrivilegePolicyResult } from '../../protocol/index';
import { ensureBundle, LspSession, TempWorkspace } from './lsp-session';

const SERVERLESS_YML = `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
  iam:
    role:
      statements:
        - Effect: Allow
          Action: 's3:*'
          Resource: '*'
functions:
  upload:
    handler: src/upload.handler
  list:
    handler: src/list.handler
`;

const UPLOAD_JS = `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async (event) => s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: event.body }));
`;

const LIST_JS = `const { S3Client, ListObjectsV2Command } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async () => s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));
`;

const TEMPLATE_JSON = `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Worker": {
      "Type": "AWS::Serverless::Function",
      "Properties": { "Handler": "worker.handler", "Runtime": "nodejs20.x", "Policies": ["AdministratorAccess"] }
    }
  }
}
`;

const WORKER_JS = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => sqs.send(new SendMessageCommand({ QueueUrl: event.url, MessageBody: 'x' }));
`;

describe('server command: least-privilege policy', function () {
  this.timeout(60_000);
  let workspace: TempWorkspace;
  let session: LspSession;

  before(async () => {
    ensureBundle();
    workspace = new TempWorkspace({
      'serverless.yml': SERVERLESS_YML,
      'src/upload.js': UPLOAD_JS,
      'src/list.js': LIST_JS,
      'jobs/template.json': TEMPLATE_JSON,
      'jobs/worker.js': WORKER_JS,
      'README.md': '# photos\n',
    });
    session = await LspSession.start({ workspace, pull: true });
  });

  after(async () => {
    await session?.dispose();
    workspace?.dispose();
  });

  const run = (args: unknown[]) => session.executeCommand<LeastPrivilegePolicyResult>(Commands.runLeastPrivilegePolicy, args, 'the policy command');

  it('asks which function when the template defines several', async () => {
    assert.deepEqual(await run([{ uri: workspace.uri('serverless.yml') }]), { kind: 'choose', functions: ['list', 'upload'] });
  });

  it('answers the named function\'s policy in the template\'s YAML', async () => {
    assert.deepEqual(await run([{ uri: workspace.uri('serverless.yml'), function: 'list' }]), {
      kind: 'policy',
      function: 'list',
      language: 'yaml',
      notes: [],
      text: `# Least-privilege policy of function list (serverless.yml): the actions its code calls.
iam:
  role:
    statements:
      - Effect: Allow
        Action: 's3:ListBucket'
        Resource: 'arn:aws:s3:::photos-archive'
`,
    });
  });

  it('answers for a handler file the policy of its function, with the text the editor shows', async () => {
    const uri = workspace.uri('src/upload.js');
    const onDisk = await run([{ uri }]);
    assert.ok(onDisk.kind === 'policy' && onDisk.text.endsWith(`        Action: 's3:PutObject'\n        Resource: 'arn:aws:s3:::photos-archive/*'\n`), JSON.stringify(onDisk));
    // The open document's unsaved text wins over the disk's.
    await session.open(uri, UPLOAD_JS.replace(/PutObjectCommand/g, 'GetObjectCommand'));
    const edited = await run([{ uri }]);
    assert.ok(edited.kind === 'policy' && edited.text.endsWith(`        Action: 's3:GetObject'\n        Resource: 'arn:aws:s3:::photos-archive/*'\n`), JSON.stringify(edited));
    await session.close(uri);
  });

  it('answers JSON for a JSON template, notes apart', async () => {
    assert.deepEqual(await run([{ uri: workspace.uri('jobs/template.json') }]), {
      kind: 'policy',
      function: 'Worker',
      language: 'json',
      notes: ['Some resource names are unknown and stay "*".'],
      text: `{
  "Policies": [
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sqs:SendMessage",
          "Resource": {
            "Fn::Sub": "arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:*"
          }
        }
      ]
    }
  ]
}
`,
    });
  });

  it('says so for a file with no function, an unknown name and a bad argument', async () => {
    assert.deepEqual(await run([{ uri: workspace.uri('README.md') }]), { kind: 'error', message: 'The file is not analysed.' });
    assert.deepEqual(await run([{ uri: workspace.uri('jobs/worker.js'), function: 'Other' }]), {
      kind: 'error',
      message: 'No function named "Other" here; the functions are: Worker.',
    });
    assert.deepEqual(await run([{ uri: workspace.uri('serverless.yml'), function: 3 }]), { kind: 'error', message: 'expected a { uri, function? } argument' });
  });
});
