import rule from '../../../rules/checks/config/eol-runtime';
import type { Rule } from '../../../rules/engine/define-rule';
import { json, testRule, yaml } from '../../helpers/rule-tester';

/**
 * The shared tester runs rules with the host's date; these cases pin `ctx.now` instead, so that
 * they mean the same thing next year. Dates come from rules/data/runtime-support.ts.
 */
function judgedOn(date: string): Rule {
  const now = new Date(date);
  return { ...rule, check: (ctx) => rule.check({ ...ctx, now }) };
}

testRule(judgedOn('2026-11-22T12:00:00Z'), {
  valid: [
    {
      name: 'supported runtimes in every format',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            runtime: nodejs22.x
          functions:
            orders:
              handler: src/orders.handler
            report:
              handler: report.handler
              runtime: python3.13
        `,
        'sam/template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Runtime: java21
          Resources:
            Billing:
              Type: AWS::Serverless::Function
              Properties:
                Handler: billing.Handler::handleRequest
            Resize:
              Type: AWS::Serverless::Function
              Properties:
                Handler: bootstrap
                Runtime: provided.al2023
        `,
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "App::App.Function::Handler", "Runtime": "dotnet10", "Code": "src" } }
            }
          }
        `,
      },
    },
    {
      name: 'runtimes the table does not know, variables and parameters are not judged',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            runtime: \${self:custom.runtime}
          custom:
            runtime: nodejs12.x
          functions:
            orders:
              handler: src/orders.handler
            legacy:
              handler: legacy.handler
              runtime: python3.11
        `,
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            Runtime:
              Type: String
              Default: nodejs12.x
          Resources:
            Fn:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: !Ref Runtime
                Code: src
        `,
      },
    },
    {
      name: 'a Google Cloud Functions runtime is not a Lambda runtime',
      files: {
        'serverless.yml': yaml`
          service: hello
          provider:
            name: google
            runtime: nodejs10
          functions:
            hello:
              handler: hello
        `,
      },
    },
    {
      name: 'a runtime no function uses, and a current Azure host',
      files: {
        'serverless.yml': yaml`
          service: empty
          provider:
            name: aws
            runtime: nodejs12.x
        `,
        'local.settings.json': json`
          { "IsEncrypted": false, "Values": { "FUNCTIONS_WORKER_RUNTIME": "node", "FUNCTIONS_EXTENSION_VERSION": "~4" } }
        `,
        'Orders/function.json': json`
          { "bindings": [{ "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "orders" }] }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: a provider runtime reported once for the functions that use it, and a function runtime',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            orders:
              handler: src/orders.handler
            basket:
              handler: src/basket.handler
            report:
              handler: report.handler
              runtime: python3.9
            search:
              handler: src/search.handler
              runtime: nodejs22.x
        `,
      },
      errors: [
        {
          messageId: 'deprecated',
          data: { runtime: 'nodejs20.x', date: '2026-04-30', successor: 'nodejs24.x' },
          file: 'serverless.yml', line: 4, column: 12, endLine: 4, endColumn: 22,
          related: [
            { file: 'serverless.yml', line: 6, column: 3, endLine: 6, endColumn: 9, message: 'function orders runs on it' },
            { file: 'serverless.yml', line: 8, column: 3, endLine: 8, endColumn: 9, message: 'function basket runs on it' },
          ],
        },
        {
          messageId: 'deprecated',
          data: { runtime: 'python3.9', date: '2025-12-15', successor: 'python3.14' },
          file: 'serverless.yml', line: 12, column: 14, endLine: 12, endColumn: 23,
          related: [],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a Globals runtime whose updates are blocked',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Runtime: nodejs12.x
          Resources:
            ItemsFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
        `,
      },
      errors: [
        {
          messageId: 'updatesBlocked',
          data: { runtime: 'nodejs12.x', date: '2023-03-31', blocked: '2023-04-30', successor: 'nodejs24.x' },
          file: 'template.yaml', line: 5, column: 14, endLine: 5, endColumn: 24,
          related: [{ file: 'template.yaml', line: 7, column: 3, endLine: 7, endColumn: 16, message: 'function ItemsFunction runs on it' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML and JSON: go1.x, dotnetcore3.1 and python2.7',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            Resizer:
              Type: AWS::Lambda::Function
              Properties:
                Handler: main
                Runtime: go1.x
                Code: build
        `,
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Billing": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "Billing::Billing.Function::Handler", "Runtime": "dotnetcore3.1", "Code": "src" } },
              "Legacy": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "legacy.handler", "Runtime": "python2.7", "Code": "src" } }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'updatesBlocked',
          data: { runtime: 'dotnetcore3.1', date: '2023-04-03', blocked: '2023-05-03', successor: 'dotnet10' },
          file: 'stack.json', line: 4, column: 127, endLine: 4, endColumn: 142,
          related: [],
        },
        {
          messageId: 'updatesBlocked',
          data: { runtime: 'python2.7', date: '2021-07-15', blocked: '2022-05-30', successor: 'python3.14' },
          file: 'stack.json', line: 5, column: 106, endLine: 5, endColumn: 117,
        },
        {
          messageId: 'deprecated',
          data: { runtime: 'go1.x', date: '2024-01-08', successor: 'provided.al2023' },
          file: 'stack.yaml', line: 7, column: 16, endLine: 7, endColumn: 21,
        },
      ],
      output: null,
    },
    {
      name: 'Azure: local.settings.json pins a host version past its end of support',
      files: {
        'local.settings.json': json`
          {
            "IsEncrypted": false,
            "Values": {
              "FUNCTIONS_WORKER_RUNTIME": "node",
              "FUNCTIONS_EXTENSION_VERSION": "~3"
            }
          }
        `,
        'Orders/function.json': json`
          { "bindings": [{ "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "orders" }] }
        `,
        'Status/function.json': json`
          { "bindings": [{ "type": "httpTrigger", "direction": "in", "name": "req" }] }
        `,
      },
      errors: [
        {
          messageId: 'azureHost',
          data: { version: '~3', date: '2022-12-13', successor: '~4' },
          file: 'local.settings.json', line: 5, column: 36, endLine: 5, endColumn: 40,
          related: [],
        },
      ],
      output: null,
    },
  ],
});

describe('config/eol-runtime on the day a runtime reaches its date', () => {
  const template = yaml`
    AWSTemplateFormatVersion: '2010-09-09'
    Resources:
      Fn:
        Type: AWS::Lambda::Function
        Properties:
          Handler: index.handler
          Runtime: nodejs22.x
          Code: src
  `;
  testRule(judgedOn('2027-04-29T23:59:59Z'), {
    valid: [{ name: 'nodejs22.x the second before 2027-04-30 (UTC)', files: { 'stack.yaml': template } }],
    invalid: [],
  });
  testRule(judgedOn('2027-04-30T00:00:00Z'), {
    valid: [],
    invalid: [
      {
        name: 'nodejs22.x from the start of 2027-04-30 (UTC)',
        files: { 'stack.yaml': template },
        errors: [
          {
            messageId: 'deprecated',
            data: { runtime: 'nodejs22.x', date: '2027-04-30', successor: 'nodejs24.x' },
            file: 'stack.yaml', line: 7, column: 16, endLine: 7, endColumn: 26,
          },
        ],
        output: null,
      },
    ],
  });
});
