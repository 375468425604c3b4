import rule from '../../../rules/checks/config/no-concurrency-limit';
import { json, testRule, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'serverless: a limit on the public function, credentials on the other, a queue consumer',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            catalogue:
              handler: src/catalogue.handler
              reservedConcurrency: 20
              url: true
              events:
                - http: GET items
            orders:
              handler: src/orders.handler
              events:
                - http:
                    path: orders
                    method: post
                    authorizer: aws_iam
                - httpApi:
                    path: /orders
                    method: get
                    authorizer:
                      name: jwt
            paused:
              handler: src/paused.handler
              reservedConcurrency: 0
              events:
                - httpApi: GET /paused
            fulfil:
              handler: src/fulfil.handler
              events:
                - sqs: arn:aws:sqs:eu-west-1:123456789012:orders
        `,
      },
    },
    {
      name: 'SAM: a Globals limit, and an IAM-signed function URL',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              ReservedConcurrentExecutions: 50
          Resources:
            ItemsFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Events:
                  GetItem:
                    Type: Api
                    Properties:
                      Path: /items/{id}
                      Method: get
        `,
        'other/template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            SignedFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                FunctionUrlConfig:
                  AuthType: AWS_IAM
        `,
      },
    },
    {
      name: 'CloudFormation JSON: a public URL on a function with a limit',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "Code": "src", "ReservedConcurrentExecutions": 10 }
              },
              "FnUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "NONE", "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] } } }
            }
          }
        `,
      },
    },
    {
      name: 'Azure: an anonymous trigger (no per-function limit exists in function.json)',
      files: {
        'Submit/function.json': json`
          { "bindings": [{ "authLevel": "anonymous", "type": "httpTrigger", "direction": "in", "name": "req" }] }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: public http, httpApi and url endpoints without reservedConcurrency',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            catalogue:
              handler: src/catalogue.handler
              url: true
              events:
                - http:
                    path: items
                    method: get
                - http:
                    path: items
                    method: post
                    authorizer: aws_iam
            search:
              handler: src/search.handler
              events:
                - httpApi: GET /search
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'catalogue' },
          file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 12,
          related: [
            { file: 'serverless.yml', line: 9, column: 9, endLine: 9, endColumn: 13, message: 'public through the http event GET items' },
            { file: 'serverless.yml', line: 7, column: 5, endLine: 7, endColumn: 8, message: 'public through its function URL' },
          ],
        },
        {
          messageId: 'noLimit',
          data: { function: 'search' },
          file: 'serverless.yml', line: 16, column: 3, endLine: 16, endColumn: 9,
          related: [{ file: 'serverless.yml', line: 19, column: 9, endLine: 19, endColumn: 16, message: 'public through the httpApi event GET /search' }],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: an Api event without Auth and an HttpApi route opted out of the default authorizer',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            HttpApi:
              Auth:
                DefaultAuthorizer: OAuth2
          Resources:
            ItemsFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Events:
                  GetItem:
                    Type: Api
                    Properties:
                      Path: /items/{id}
                      Method: get
            HealthFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: health.handler
                Runtime: nodejs22.x
                Events:
                  Health:
                    Type: HttpApi
                    Properties:
                      Path: /health
                      Method: get
                      Auth:
                        Authorizer: NONE
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'ItemsFunction' },
          file: 'template.yaml', line: 8, column: 3, endLine: 8, endColumn: 16,
          related: [{ file: 'template.yaml', line: 14, column: 9, endLine: 14, endColumn: 16 }],
        },
        {
          messageId: 'noLimit',
          data: { function: 'HealthFunction' },
          file: 'template.yaml', line: 19, column: 3, endLine: 19, endColumn: 17,
          related: [{ file: 'template.yaml', line: 25, column: 9, endLine: 25, endColumn: 15 }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: a public AWS::Lambda::Url',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            Fn:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs22.x
                Code: src
            FnUrl:
              Type: AWS::Lambda::Url
              Properties:
                AuthType: NONE
                TargetFunctionArn: !GetAtt Fn.Arn
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'Fn' },
          file: 'stack.yaml', line: 3, column: 3, endLine: 3, endColumn: 5,
          related: [{ file: 'stack.yaml', line: 9, column: 3, endLine: 9, endColumn: 8, message: 'public through its function URL' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a public AWS::Lambda::Url',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "Code": "src" } },
              "FnUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "NONE", "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] } } }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'Fn' },
          file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 9,
          related: [{ file: 'stack.json', line: 5, column: 5, endLine: 5, endColumn: 12 }],
        },
      ],
      output: null,
    },
    {
      name: 'suggestion: reservedConcurrency in a block and a flow serverless function',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            list:
              handler: src/list.handler
              events:
                - httpApi: GET /items # public listing
            get: { handler: src/get.handler, events: [{ httpApi: 'GET /items/{id}' }] }
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'list' },
          file: 'serverless.yml',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 7,
          suggestions: [
            { messageId: 'addLimit', output: { 'serverless.yml': yaml`
                service: shop
                provider:
                  name: aws
                  runtime: nodejs20.x
                functions:
                  list:
                    handler: src/list.handler
                    events:
                      - httpApi: GET /items # public listing
                    reservedConcurrency: 10
                  get: { handler: src/get.handler, events: [{ httpApi: 'GET /items/{id}' }] }
              ` } },
          ],
        },
        {
          messageId: 'noLimit',
          data: { function: 'get' },
          file: 'serverless.yml',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 6,
          suggestions: [
            { messageId: 'addLimit', output: { 'serverless.yml': yaml`
                service: shop
                provider:
                  name: aws
                  runtime: nodejs20.x
                functions:
                  list:
                    handler: src/list.handler
                    events:
                      - httpApi: GET /items # public listing
                  get: { handler: src/get.handler, events: [{ httpApi: 'GET /items/{id}' }], reservedConcurrency: 10 }
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestion: ReservedConcurrentExecutions in SAM YAML and CloudFormation JSON',
      files: {
        'stack.json': json`
          {
            "Resources": {
              "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                  "Handler": "index.handler",
                  "Runtime": "nodejs20.x",
                  "Code": { "ZipFile": "exports.handler = async () => ({})" }
                }
              },
              "Url": {
                "Type": "AWS::Lambda::Url",
                "Properties": { "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] }, "AuthType": "NONE" }
              }
            }
          }
        `,
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ListFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: src/list.handler
                Runtime: nodejs20.x
                Events:
                  List:
                    Type: HttpApi
                    Properties:
                      Path: /items
                      Method: get
        `,
      },
      errors: [
        {
          messageId: 'noLimit',
          data: { function: 'Fn' },
          file: 'stack.json',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 9,
          suggestions: [
            { messageId: 'addLimit', output: { 'stack.json': json`
                {
                  "Resources": {
                    "Fn": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": {
                        "Handler": "index.handler",
                        "Runtime": "nodejs20.x",
                        "Code": { "ZipFile": "exports.handler = async () => ({})" },
                        "ReservedConcurrentExecutions": 10
                      }
                    },
                    "Url": {
                      "Type": "AWS::Lambda::Url",
                      "Properties": { "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] }, "AuthType": "NONE" }
                    }
                  }
                }
              ` } },
          ],
        },
        {
          messageId: 'noLimit',
          data: { function: 'ListFunction' },
          file: 'template.yaml',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            { messageId: 'addLimit', output: { 'template.yaml': yaml`
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ListFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: src/list.handler
                      Runtime: nodejs20.x
                      Events:
                        List:
                          Type: HttpApi
                          Properties:
                            Path: /items
                            Method: get
                      ReservedConcurrentExecutions: 10
              ` } },
          ],
        },
      ],
      output: null,
    },
  ],
});
