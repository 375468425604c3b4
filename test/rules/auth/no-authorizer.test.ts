import rule from '../../../rules/checks/auth/no-authorizer';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters) });
`;
const atHandler = (file: string) => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });

testRule(rule, {
  valid: [
    {
      name: 'serverless: every endpoint names an authorizer, requires an API key or signs with IAM',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            apiGateway:
              apiKeys:
                - partners
            httpApi:
              authorizers:
                jwt:
                  type: jwt
                  identitySource: $request.header.Authorization
                  issuerUrl: https://auth.example.com
                  audience: [shop]
          functions:
            orders:
              handler: src/orders.handler
              url:
                authorizer: aws_iam
              events:
                - http:
                    path: orders
                    method: get
                    authorizer: checkToken
                - http:
                    path: orders
                    method: post
                    authorizer: aws_iam
                - http:
                    path: partner/orders
                    method: get
                    private: true
                - httpApi:
                    path: /orders/{id}
                    method: get
                    authorizer:
                      name: jwt
                - sqs: arn:aws:sqs:eu-west-1:123456789012:orders
                - schedule: rate(1 hour)
            checkToken:
              handler: src/auth.handler
        `,
        'src/orders.js': handler,
        'src/auth.js': handler,
      },
    },
    {
      name: 'serverless: a private REST API is reachable only from a VPC',
      files: {
        'serverless.yml': yaml`
          service: internal
          provider:
            name: aws
            endpointType: PRIVATE
          functions:
            report:
              handler: src/report.handler
              events:
                - http: GET report
        `,
        'src/report.js': handler,
      },
    },
    {
      name: 'serverless: a Google Cloud Functions http event is not an API Gateway endpoint',
      files: {
        'serverless.yml': yaml`
          service: hello
          provider:
            name: google
            runtime: nodejs20
          functions:
            hello:
              handler: hello
              events:
                - http: path
        `,
      },
    },
    {
      name: 'SAM: default authorizers on the referenced API, on Globals, and a required API key',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            HttpApi:
              Auth:
                DefaultAuthorizer: OAuth2
                Authorizers:
                  OAuth2:
                    JwtConfiguration:
                      issuer: https://auth.example.com
                      audience: [shop]
                    IdentitySource: $request.header.Authorization
          Resources:
            ShopApi:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                Auth:
                  DefaultAuthorizer: TokenAuth
                  Authorizers:
                    TokenAuth:
                      FunctionArn: !GetAtt AuthFunction.Arn
            PartnerApi:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                Auth:
                  ApiKeyRequired: true
            OrdersFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                FunctionUrlConfig:
                  AuthType: AWS_IAM
                Events:
                  List:
                    Type: Api
                    Properties:
                      RestApiId: !Ref ShopApi
                      Path: /orders
                      Method: get
                  Partner:
                    Type: Api
                    Properties:
                      RestApiId: !Ref PartnerApi
                      Path: /partner/orders
                      Method: get
                  Mine:
                    Type: HttpApi
                    Properties:
                      Path: /me/orders
                      Method: get
                  Signed:
                    Type: Api
                    Properties:
                      Path: /signed
                      Method: get
                      Auth:
                        Authorizer: AWS_IAM
            AuthFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: auth.handler
                Runtime: nodejs22.x
        `,
        'app.js': handler,
        'auth.js': handler,
      },
    },
    {
      name: 'SAM: values known only at deploy time are not guessed',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Conditions:
            IsProd: !Equals [!Ref AWS::StackName, prod]
          Resources:
            OrdersFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                FunctionUrlConfig:
                  AuthType: !If [IsProd, AWS_IAM, NONE]
                Events:
                  Shared:
                    Type: Api
                    Properties:
                      RestApiId: !ImportValue shared-api-id
                      Path: /orders
                      Method: get
                  Maybe:
                    Type: Api
                    Properties:
                      Path: /maybe
                      Method: get
                      Auth:
                        Authorizer: !If [IsProd, TokenAuth, NONE]
        `,
        'app.js': handler,
      },
    },
    {
      name: 'CloudFormation JSON: a function URL signed with IAM',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/fn", "Code": "src" }
              },
              "FnUrl": {
                "Type": "AWS::Lambda::Url",
                "Properties": { "AuthType": "AWS_IAM", "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] } }
              }
            }
          }
        `,
      },
    },
    {
      name: 'Azure: function keys (explicit or by default) and a queue trigger',
      files: {
        'Submit/function.json': json`
          {
            "bindings": [
              { "authLevel": "function", "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"] },
              { "type": "http", "direction": "out", "name": "res" }
            ]
          }
        `,
        'Status/function.json': json`
          {
            "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["get"] },
              { "type": "http", "direction": "out", "name": "res" }
            ]
          }
        `,
        'Process/function.json': json`
          { "bindings": [{ "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "orders" }] }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: http (map and short form), httpApi and url: true without authorization',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            orders:
              handler: src/orders.handler
              url: true
              events:
                - http:
                    path: orders
                    method: get
                - http: POST orders
                - httpApi: 'GET /orders/{id}'
        `,
        'src/orders.js': handler,
      },
      errors: [
        {
          messageId: 'publicUrl',
          data: { function: 'orders' },
          file: 'serverless.yml', line: 7, column: 5, endLine: 7, endColumn: 8,
          related: [atHandler('src/orders.js')],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'http event GET orders', function: 'orders' },
          file: 'serverless.yml', line: 9, column: 9, endLine: 9, endColumn: 13,
          related: [{ ...atHandler('src/orders.js'), message: 'handler of function orders' }],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'http event POST orders', function: 'orders' },
          file: 'serverless.yml', line: 12, column: 9, endLine: 12, endColumn: 13,
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'httpApi event GET /orders/{id}', function: 'orders' },
          file: 'serverless.yml', line: 13, column: 9, endLine: 13, endColumn: 16,
        },
      ],
      output: null,
    },
    {
      name: 'serverless: a url with CORS but no authorizer, and private: false',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            orders:
              handler: src/orders.handler
              url:
                cors: true
              events:
                - http:
                    path: orders
                    method: get
                    private: false
        `,
      },
      errors: [
        {
          messageId: 'publicUrl',
          data: { function: 'orders' },
          file: 'serverless.yml', line: 7, column: 5, endLine: 7, endColumn: 8,
          related: [],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'http event GET orders', function: 'orders' },
          file: 'serverless.yml', line: 10, column: 9, endLine: 10, endColumn: 13,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: an implicit API without Auth, NONE over a default authorizer, and a public function URL',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Runtime: python3.13
            HttpApi:
              Auth:
                DefaultAuthorizer: OAuth2
          Resources:
            ItemsFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                FunctionUrlConfig:
                  AuthType: NONE
                Events:
                  GetItem:
                    Type: Api
                    Properties:
                      Path: /items/{id}
                      Method: get
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
          messageId: 'publicUrl',
          data: { function: 'ItemsFunction' },
          file: 'template.yaml', line: 15, column: 19, endLine: 15, endColumn: 23,
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'Api event GetItem (GET /items/{id})', function: 'ItemsFunction' },
          file: 'template.yaml', line: 17, column: 9, endLine: 17, endColumn: 16,
        },
        {
          messageId: 'explicitlyPublic',
          data: { event: 'HttpApi event Health (GET /health)', function: 'ItemsFunction' },
          file: 'template.yaml', line: 28, column: 27, endLine: 28, endColumn: 31,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: the referenced API has authorizers but no default',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ShopApi:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                Auth:
                  Authorizers:
                    TokenAuth:
                      FunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:auth
            OrdersFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Events:
                  List:
                    Type: Api
                    Properties:
                      RestApiId: !Ref ShopApi
                      Path: /orders
                      Method: get
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'missingAuthorizer',
          data: { event: 'Api event List (GET /orders)', function: 'OrdersFunction' },
          file: 'template.yaml', line: 18, column: 9, endLine: 18, endColumn: 13,
          related: [atHandler('app.js')],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: AWS::Lambda::Url with AuthType NONE',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            Fn:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs22.x
                Role: !GetAtt FnRole.Arn
                Code: src
            FnUrl:
              Type: AWS::Lambda::Url
              Properties:
                AuthType: NONE
                TargetFunctionArn: !GetAtt Fn.Arn
            FnRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
        `,
        'src/index.js': handler,
      },
      errors: [
        {
          messageId: 'publicUrl',
          data: { function: 'Fn' },
          file: 'stack.yaml', line: 13, column: 17, endLine: 13, endColumn: 21,
          related: [atHandler('src/index.js')],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: AWS::Lambda::Url with AuthType NONE',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/fn", "Code": "src" }
              },
              "FnUrl": {
                "Type": "AWS::Lambda::Url",
                "Properties": { "AuthType": "NONE", "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] } }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'publicUrl',
          data: { function: 'Fn' },
          file: 'stack.json', line: 10, column: 35, endLine: 10, endColumn: 41,
          related: [],
        },
      ],
      output: null,
    },
    {
      name: 'Azure: an anonymous HTTP trigger',
      files: {
        'SubmitOrder/function.json': json`
          {
            "bindings": [
              {
                "authLevel": "anonymous",
                "type": "httpTrigger",
                "direction": "in",
                "name": "req",
                "methods": ["post"],
                "route": "orders"
              },
              { "type": "http", "direction": "out", "name": "res" }
            ]
          }
        `,
        'SubmitOrder/index.js': js`
          module.exports = async function (context, req) {
            context.res = { body: req.body };
          };
        `,
      },
      errors: [
        {
          messageId: 'anonymousTrigger',
          data: { event: 'HTTP trigger (POST orders)', function: 'SubmitOrder' },
          file: 'SubmitOrder/function.json', line: 4, column: 20, endLine: 4, endColumn: 31,
          related: [{ ...atHandler('SubmitOrder/index.js'), message: 'handler of function SubmitOrder' }],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: aws_iam on serverless http and httpApi events; none on the short form',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            list:
              handler: src/list.handler
              events:
                - http:
                    path: items
                    method: get
                - httpApi:
                    path: /items
                    method: get
                - http: GET /legacy
        `,
      },
      errors: [
        {
          messageId: 'missingAuthorizer',
          data: { event: 'http event GET items', function: 'list' },
          file: 'serverless.yml',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 13,
          suggestions: [
            { messageId: 'requireIam', output: { 'serverless.yml': yaml`
                service: shop
                provider:
                  name: aws
                functions:
                  list:
                    handler: src/list.handler
                    events:
                      - http:
                          path: items
                          method: get
                          authorizer: aws_iam
                      - httpApi:
                          path: /items
                          method: get
                      - http: GET /legacy
              ` } },
          ],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'httpApi event GET /items', function: 'list' },
          file: 'serverless.yml',
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 16,
          suggestions: [
            { messageId: 'requireIam', output: { 'serverless.yml': yaml`
                service: shop
                provider:
                  name: aws
                functions:
                  list:
                    handler: src/list.handler
                    events:
                      - http:
                          path: items
                          method: get
                      - httpApi:
                          path: /items
                          method: get
                          authorizer: { type: aws_iam }
                      - http: GET /legacy
              ` } },
          ],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'http event GET /legacy', function: 'list' },
          file: 'serverless.yml',
          line: 14,
          column: 9,
          endLine: 14,
          endColumn: 13,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: SAM Auth AWS_IAM, Authorizer NONE and a public function URL',
      files: {
        'template.yaml': yaml`
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ListFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: src/list.handler
                FunctionUrlConfig:
                  AuthType: NONE
                Events:
                  List:
                    Type: Api
                    Properties: { Path: /items, Method: get }
                  Open:
                    Type: Api
                    Properties:
                      Path: /open
                      Method: get
                      Auth:
                        Authorizer: 'NONE'
        `,
      },
      errors: [
        {
          messageId: 'publicUrl',
          data: { function: 'ListFunction' },
          file: 'template.yaml',
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 23,
          suggestions: [
            { messageId: 'requireIam', output: { 'template.yaml': yaml`
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ListFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: src/list.handler
                      FunctionUrlConfig:
                        AuthType: AWS_IAM
                      Events:
                        List:
                          Type: Api
                          Properties: { Path: /items, Method: get }
                        Open:
                          Type: Api
                          Properties:
                            Path: /open
                            Method: get
                            Auth:
                              Authorizer: 'NONE'
              ` } },
          ],
        },
        {
          messageId: 'missingAuthorizer',
          data: { event: 'Api event List (GET /items)', function: 'ListFunction' },
          file: 'template.yaml',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 13,
          suggestions: [
            { messageId: 'requireIam', output: { 'template.yaml': yaml`
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ListFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: src/list.handler
                      FunctionUrlConfig:
                        AuthType: NONE
                      Events:
                        List:
                          Type: Api
                          Properties: { Path: /items, Method: get, Auth: { Authorizer: AWS_IAM } }
                        Open:
                          Type: Api
                          Properties:
                            Path: /open
                            Method: get
                            Auth:
                              Authorizer: 'NONE'
              ` } },
          ],
        },
        {
          messageId: 'explicitlyPublic',
          data: { event: 'Api event Open (GET /open)', function: 'ListFunction' },
          file: 'template.yaml',
          line: 19,
          column: 27,
          endLine: 19,
          endColumn: 33,
          suggestions: [
            { messageId: 'requireIam', output: { 'template.yaml': yaml`
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ListFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: src/list.handler
                      FunctionUrlConfig:
                        AuthType: NONE
                      Events:
                        List:
                          Type: Api
                          Properties: { Path: /items, Method: get }
                        Open:
                          Type: Api
                          Properties:
                            Path: /open
                            Method: get
                            Auth:
                              Authorizer: 'AWS_IAM'
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestion: Azure authLevel function',
      files: {
        'Orders/function.json': json`
          {
            "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["get"] },
              { "type": "http", "direction": "out", "name": "res" }
            ]
          }
        `,
        'Orders/index.js': js`
          module.exports = async function (context, req) {};
        `,
      },
      errors: [
        {
          messageId: 'anonymousTrigger',
          data: { event: 'HTTP trigger (GET)', function: 'Orders' },
          file: 'Orders/function.json',
          line: 3,
          column: 77,
          endLine: 3,
          endColumn: 88,
          suggestions: [
            { messageId: 'functionKey', output: { 'Orders/function.json': json`
                {
                  "bindings": [
                    { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "function", "methods": ["get"] },
                    { "type": "http", "direction": "out", "name": "res" }
                  ]
                }
              ` } },
          ],
        },
      ],
      output: null,
    },
  ],
});
