/**
 * Every contributed snippet, expanded with its default placeholder values, must parse in its
 * language and draw no finding from any registered rule: a snippet that teaches the safe pattern
 * must not be flagged by our own linter. Fragments (a query inside a handler, a function under
 * `functions:`) are placed into a small host document first; the hosts are written to be clean
 * themselves, so a finding names a problem of the snippet (or a false positive of a rule).
 *
 * New rules are checked automatically: the test lints with whatever `ALL_RULES` holds.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, lintFile, Project, toOneBased } from '../../rules/index';
import { expandSnippet, insertInto, placeholderDefaults } from './expand';

const ROOT = path.resolve(__dirname, '..', '..');
const MARKER = '<<SNIPPET>>';

interface SnippetEntry {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

interface Contribution {
  language: string;
  path: string;
}

/** The files of a host project: the one holding the snippet is `file`. */
interface Host {
  file: string;
  files: Record<string, string>;
  /** The format the project model must read `file` as, for a template. */
  format?: string;
}

type Flavour = 'js' | 'ts';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: Contribution[] } };
const contributions = manifest.contributes.snippets;

function readSnippets(contribution: Contribution): Record<string, SnippetEntry> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, contribution.path), 'utf8')) as Record<string, SnippetEntry>;
}

function prefixOf(entry: SnippetEntry): string {
  return Array.isArray(entry.prefix) ? (entry.prefix[0] ?? '') : entry.prefix;
}

// ---------------------------------------------------------------------------------------------
// Hosts. A template naming the handler makes the handler rules treat the snippet's code as a
// function's entry point, with `event` as untrusted input.

const SERVERLESS_FOR_HANDLER = `service: snippet-host
provider:
  name: aws
  runtime: nodejs24.x
functions:
  host:
    handler: src/handler.handler
    reservedConcurrency: 5
    events:
      - http:
          path: host
          method: get
          authorizer: aws_iam
`;

const DYNAMODB_TABLE = `Type: AWS::DynamoDB::Table
Properties:
  BillingMode: PAY_PER_REQUEST
  AttributeDefinitions:
    - AttributeName: id
      AttributeType: S
  KeySchema:
    - AttributeName: id
      KeyType: HASH`;

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`))
    .join('\n');
}

/** What a fragment inside a handler needs declared around it, per driver. */
const HANDLER_SETUP: Record<string, Record<Flavour, string>> = {
  'sls-sec-error-response': { js: '', ts: '' },
  'sls-sec-mysql-query': {
    js: "const mysql = require('mysql2/promise');\nconst pool = mysql.createPool({ host: process.env.DB_HOST, database: process.env.DB_NAME });",
    ts: "import mysql, { type RowDataPacket } from 'mysql2/promise';\nconst pool = mysql.createPool({ host: process.env.DB_HOST, database: process.env.DB_NAME });",
  },
  'sls-sec-pg-query': {
    js: "const { Pool } = require('pg');\nconst client = new Pool();",
    ts: "import { Pool } from 'pg';\ninterface OrderRow { id: string; status: string }\nconst client = new Pool();",
  },
  'sls-sec-tedious-query': {
    js: "const { Connection, Request, TYPES } = require('tedious');\nconst connection = new Connection({ server: process.env.DB_HOST });",
    ts: "import { Connection, Request, TYPES, type ColumnValue } from 'tedious';\nconst connection = new Connection({ server: process.env.DB_HOST ?? '' });",
  },
  'sls-sec-mssql-query': {
    js: "const sql = require('mssql');\nconst pool = new sql.ConnectionPool(process.env.DB_CONNECTION);",
    ts: "import sql from 'mssql';\ninterface OrderRow { id: string; status: string }\nconst pool = new sql.ConnectionPool(process.env.DB_CONNECTION ?? '');",
  },
  'sls-sec-knex-query': {
    js: "const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });",
    ts: "import createKnex from 'knex';\ninterface OrderRow { id: string; status: string }\nconst knex = createKnex({ client: 'pg', connection: process.env.DATABASE_URL });",
  },
  'sls-sec-prisma-query': {
    js: "const { PrismaClient } = require('@prisma/client');\nconst prisma = new PrismaClient();",
    ts: "import { PrismaClient } from '@prisma/client';\ninterface OrderRow { id: string; status: string }\nconst prisma = new PrismaClient();",
  },
  'sls-sec-rds-data-query': {
    js: "const { RDSDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-rds-data');\nconst rdsData = new RDSDataClient({});",
    ts: "import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';\nconst rdsData = new RDSDataClient({});",
  },
  'sls-sec-dynamodb-partiql': {
    js: "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst { DynamoDBDocumentClient, ExecuteStatementCommand } = require('@aws-sdk/lib-dynamodb');\nconst documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));",
    ts: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';\nconst documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));",
  },
  'sls-sec-dynamodb-query': {
    js: "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst { DynamoDBDocumentClient, QueryCommand } = require('@aws-sdk/lib-dynamodb');\nconst documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));",
    ts: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';\nconst documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));",
  },
};

/** Whole-module snippets, with the handler that uses what they define (when they define no handler). */
const MODULE_USAGE: Record<string, Record<Flavour, string> | null> = {
  'sls-sec-lambda-handler': null,
  'sls-sec-azure-http': null,
  'sls-sec-gcp-http': null,
  'sls-sec-secretsmanager-secret': {
    js: 'exports.handler = async () => {\n\tconst credentials = await getDatabaseCredentials();\n\treturn { statusCode: credentials ? 204 : 503 };\n};',
    ts: 'export const handler = async (): Promise<{ statusCode: number }> => {\n\tconst credentials = await getDatabaseCredentials();\n\treturn { statusCode: credentials ? 204 : 503 };\n};',
  },
  'sls-sec-ssm-parameter': {
    js: 'exports.handler = async () => {\n\tconst apiKey = await getApiKey();\n\treturn { statusCode: apiKey ? 204 : 503 };\n};',
    ts: 'export const handler = async (): Promise<{ statusCode: number }> => {\n\tconst apiKey = await getApiKey();\n\treturn { statusCode: apiKey ? 204 : 503 };\n};',
  },
  'sls-sec-execfile': {
    // Event data as an argument: exactly what the snippet makes safe.
    js: 'exports.handler = async (event) => ({ statusCode: 200, body: await runTool(event.queryStringParameters.path) });',
    ts: "import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\n\nexport const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({\n\tstatusCode: 200,\n\tbody: await runTool(event.queryStringParameters?.path ?? ''),\n});",
  },
};

/** Snippets that define their own Azure or Google entry point: an AWS template would mislabel them. */
const OWN_PLATFORM = new Set(['sls-sec-azure-http', 'sls-sec-gcp-http']);

function codeHost(prefix: string, flavour: Flavour, language: string): Host {
  const file = `src/handler.${flavour}`;
  const templates: Record<string, string> = OWN_PLATFORM.has(prefix) ? {} : { 'serverless.yml': SERVERLESS_FOR_HANDLER };
  const setup = HANDLER_SETUP[prefix];
  if (setup !== undefined) {
    const opening =
      flavour === 'js'
        ? 'exports.handler = async (event) => {'
        : "export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {";
    const types = flavour === 'ts' ? "import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\n" : '';
    const text = `${types}${setup[flavour]}\n\n${opening}\n\t${MARKER}\n\treturn { statusCode: 204, body: '' };\n};\n`;
    return { file, files: { ...templates, [file]: text } };
  }
  if (prefix in MODULE_USAGE) {
    const usage = MODULE_USAGE[prefix];
    return { file, files: { ...templates, [file]: `${MARKER}\n${usage ? `\n${usage[flavour]}\n` : ''}` } };
  }
  throw new Error(`no host for the ${language} snippet ${prefix}: add it to HANDLER_SETUP or MODULE_USAGE`);
}

const YAML_HOSTS: Record<string, Host> = {
  'sls-sec-serverless-function': {
    file: 'serverless.yml',
    format: 'serverless',
    files: {
      'serverless.yml': `service: snippet-host
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs24.x
functions:
  ${MARKER}
resources:
  Resources:
    OrdersTable:
${indent(DYNAMODB_TABLE, 6)}
`,
    },
  },
  'sls-sec-serverless-httpapi-function': {
    file: 'serverless.yml',
    format: 'serverless',
    files: {
      'serverless.yml': `service: snippet-host
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs24.x
  httpApi:
    authorizers:
      jwtAuthorizer:
        type: jwt
        identitySource: $request.header.Authorization
        issuerUrl: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example
        audience:
          - example-client
functions:
  ${MARKER}
resources:
  Resources:
    OrdersQueue:
      Type: AWS::SQS::Queue
`,
    },
  },
  'sls-sec-serverless-jwt-authorizer': {
    file: 'serverless.yml',
    format: 'serverless',
    files: {
      'serverless.yml': `service: snippet-host
provider:
  name: aws
  runtime: nodejs24.x
  ${MARKER}
functions:
  listOrders:
    handler: src/list-orders.handler
    reservedConcurrency: 5
    events:
      - httpApi:
          path: /orders
          method: GET
          authorizer:
            name: jwtAuthorizer
`,
    },
  },
  'sls-sec-sam-function': {
    file: 'template.yaml',
    format: 'sam',
    files: {
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ${MARKER}
  OrdersTable:
${indent(DYNAMODB_TABLE, 4)}
`,
    },
  },
  'sls-sec-sam-statement': {
    file: 'template.yaml',
    format: 'sam',
    files: {
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs24.x
      ReservedConcurrentExecutions: 5
      Policies:
        ${MARKER}
  UploadsBucket:
    Type: AWS::S3::Bucket
`,
    },
  },
};

const JSON_HOSTS: Record<string, Host> = {
  'sls-sec-iam-policy': { file: 'policy.json', format: 'iam-policy', files: { 'policy.json': `${MARKER}\n` } },
  'sls-sec-iam-statement': {
    file: 'policy.json',
    format: 'iam-policy',
    files: { 'policy.json': `{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t${MARKER}\n\t]\n}\n` },
  },
};

function hostFor(language: string, prefix: string): Host {
  if (language === 'javascript') return codeHost(prefix, 'js', language);
  if (language === 'typescript') return codeHost(prefix, 'ts', language);
  const host = (language === 'yaml' ? YAML_HOSTS : language === 'json' ? JSON_HOSTS : {})[prefix];
  if (!host) throw new Error(`no host for the ${language} snippet ${prefix}: add one to this test`);
  return host;
}

/** The findings of every registered rule in the host file, one line each with the source line. */
function lint(host: Host, text: string): string[] {
  const root = '/snippet-host';
  const files = { ...host.files, [host.file]: text };
  const project = new Project(Object.entries(files).map(([name, content]) => [`${root}/${name}`, content] as const));
  const file = `${root}/${host.file}`;
  const source = project.sourceFile(file);
  assert.ok(source, 'the host file is in the project');
  assert.equal(source.parseError, undefined, `does not parse: ${source.parseError?.message ?? ''}\n${text}`);
  if (host.format !== undefined) assert.equal(project.model.template(file)?.format, host.format, `not read as ${host.format}:\n${text}`);
  const lines = text.split('\n');
  return lintFile(project, file, { rules: ALL_RULES }).map((finding) => {
    const at = toOneBased(source.lines, finding.range);
    return `${finding.ruleId} at ${at.line}:${at.column} (${lines[at.line - 1]?.trim() ?? ''}): ${finding.message}`;
  });
}

describe('snippets', () => {
  it('every snippet file is contributed in package.json, and every contribution exists', () => {
    const files = fs.readdirSync(path.join(ROOT, 'snippets')).filter((name) => name.endsWith('.json'));
    assert.deepEqual(
      contributions.map((contribution) => contribution.path.replace(/^\.\//, '')).sort(),
      files.map((name) => `snippets/${name}`).sort(),
    );
  });

  for (const contribution of contributions) {
    describe(`${contribution.language} (${contribution.path})`, () => {
      const snippets = readSnippets(contribution);

      it('has prefixed, described, uniquely named snippets with consistent placeholders', () => {
        const prefixes = Object.values(snippets).map(prefixOf);
        assert.equal(new Set(prefixes).size, prefixes.length, `duplicate prefixes: ${prefixes.join(', ')}`);
        for (const [name, snippet] of Object.entries(snippets)) {
          assert.match(prefixOf(snippet), /^sls-sec-[a-z0-9-]+$/, `${name}: prefix`);
          assert.match(snippet.description ?? '', /^Serverless Security Lint: /, `${name}: description`);
          for (const [index, defaults] of placeholderDefaults(snippet.body)) {
            // VS Code links every occurrence of a number; differing defaults would start out of step.
            assert.equal(new Set(defaults).size, 1, `${name}: placeholder ${index} has different defaults ${JSON.stringify(defaults)}`);
          }
        }
      });

      for (const [name, snippet] of Object.entries(snippets)) {
        const prefix = prefixOf(snippet);
        it(`${prefix} expands to text that parses and draws no finding`, () => {
          const host = hostFor(contribution.language, prefix);
          const expanded = expandSnippet(snippet.body);
          const hostText = host.files[host.file] ?? '';
          const text = insertInto(hostText, MARKER, expanded);
          assert.deepEqual(lint(host, text), [], `${name}, expanded into its host:\n${text}`);
        });
      }
    });
  }

  it('the template that names the handler draws no finding itself', () => {
    const host = { file: 'serverless.yml', files: { 'serverless.yml': SERVERLESS_FOR_HANDLER } };
    assert.deepEqual(lint(host, SERVERLESS_FOR_HANDLER), []);
  });
});

// Controls: unsafe code put where the snippets go is found, so a passing snippet means something.
describe('snippets: the hosts reach the rules', () => {
  it('a shell command built from event data, in a handler host', () => {
    const host = codeHost('sls-sec-lambda-handler', 'js', 'javascript');
    const unsafe = "const { exec } = require('node:child_process');\n\nexports.handler = async (event) => {\n\texec('ls ' + event.body);\n};";
    const findings = lint(host, insertInto(host.files[host.file] ?? '', MARKER, unsafe));
    assert.ok(findings.some((line) => line.startsWith('injection/command ')), findings.join('\n'));
  });

  it('SQL built from event data, in a query host', () => {
    const host = codeHost('sls-sec-mysql-query', 'js', 'javascript');
    const unsafe = "const [rows] = await pool.query('SELECT id FROM orders WHERE customer_id = ' + event.pathParameters.customerId);";
    const findings = lint(host, insertInto(host.files[host.file] ?? '', MARKER, unsafe));
    assert.ok(findings.some((line) => line.startsWith('injection/sql ')), findings.join('\n'));
  });

  it('a wildcard action, in the serverless function host', () => {
    const host = YAML_HOSTS['sls-sec-serverless-function'];
    assert.ok(host);
    const unsafe = 'getOrder:\n  handler: src/get-order.handler\n  iamRoleStatements:\n    - Effect: Allow\n      Action: "s3:*"\n      Resource: "*"';
    const findings = lint(host, insertInto(host.files[host.file] ?? '', MARKER, unsafe));
    assert.ok(findings.some((line) => line.startsWith('iam/wildcard-action ')), findings.join('\n'));
  });

  it('a wildcard action, in the IAM statement host', () => {
    const host = JSON_HOSTS['sls-sec-iam-statement'];
    assert.ok(host);
    const unsafe = '{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }';
    const findings = lint(host, insertInto(host.files[host.file] ?? '', MARKER, unsafe));
    assert.ok(findings.some((line) => line.startsWith('iam/wildcard-action ')), findings.join('\n'));
  });
});
