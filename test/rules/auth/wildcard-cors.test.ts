import rule from '../../../rules/checks/auth/wildcard-cors';
import { json, testRule, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'serverless: a wildcard without credentials, and credentials for named origins',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            httpApi:
              cors: true
          functions:
            catalogue:
              handler: src/catalogue.handler
              url:
                cors:
                  allowedOrigins: ['*']
              events:
                - http:
                    path: items
                    method: get
                    cors: true
                - http:
                    path: basket
                    method: get
                    cors:
                      origins:
                        - https://shop.example.com
                        - https://admin.example.com
                      allowCredentials: true
                - httpApi: GET /items/{id}
        `,
      },
    },
    {
      name: 'SAM: the quoted-string wildcard, credentials for one origin, CorsConfiguration true, a URL without credentials',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Api:
              Cors: "'*'"
          Resources:
            BasketApi:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                Cors:
                  AllowOrigin: "'https://shop.example.com'"
                  AllowCredentials: true
            ItemsApi:
              Type: AWS::Serverless::HttpApi
              Properties:
                CorsConfiguration: true
            ShopFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                FunctionUrlConfig:
                  AuthType: AWS_IAM
                  Cors:
                    AllowOrigins: ['*']
                    AllowCredentials: false
                Events:
                  Items:
                    Type: Api
                    Properties:
                      Path: /items
                      Method: get
                  Basket:
                    Type: Api
                    Properties:
                      RestApiId: !Ref BasketApi
                      Path: /basket
                      Method: get
                  Item:
                    Type: HttpApi
                    Properties:
                      ApiId: !Ref ItemsApi
                      Path: /items/{id}
                      Method: get
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless http events: origin "*" and an origins list holding "*", with credentials',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            basket:
              handler: src/basket.handler
              events:
                - http:
                    path: basket
                    method: get
                    authorizer: aws_iam
                    cors:
                      origin: '*'
                      allowCredentials: true
                - http:
                    path: basket
                    method: post
                    authorizer: aws_iam
                    cors:
                      origins: [https://shop.example.com, '*']
                      allowCredentials: true
        `,
      },
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'basket' },
          file: 'serverless.yml', line: 13, column: 21, endLine: 13, endColumn: 24,
          related: [
            { file: 'serverless.yml', line: 14, column: 31, endLine: 14, endColumn: 35, message: 'credentials are allowed here' },
            { file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 9, message: 'applies to function basket' },
          ],
        },
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'basket' },
          file: 'serverless.yml', line: 20, column: 49, endLine: 20, endColumn: 52,
        },
      ],
      output: null,
    },
    {
      name: 'serverless provider.httpApi.cors shared by two functions: reported once',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            httpApi:
              cors:
                allowedOrigins:
                  - '*'
                allowCredentials: true
          functions:
            items:
              handler: src/items.handler
              events:
                - httpApi: GET /items
            basket:
              handler: src/basket.handler
              events:
                - httpApi: GET /basket
        `,
      },
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'items, basket' },
          file: 'serverless.yml', line: 7, column: 11, endLine: 7, endColumn: 14,
          related: [
            { file: 'serverless.yml', line: 8, column: 25, endLine: 8, endColumn: 29 },
            { file: 'serverless.yml', line: 10, column: 3, endLine: 10, endColumn: 8 },
            { file: 'serverless.yml', line: 14, column: 3, endLine: 14, endColumn: 9 },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless url cors naming no origin: the framework default "*" with credentials',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
          functions:
            basket:
              handler: src/basket.handler
              url:
                authorizer: aws_iam
                cors:
                  allowCredentials: true
        `,
      },
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'basket' },
          file: 'serverless.yml', line: 9, column: 7, endLine: 9, endColumn: 11,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: Globals.Api.Cors, an HttpApi CorsConfiguration and FunctionUrlConfig.Cors',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Api:
              Cors:
                AllowOrigin: "'*'"
                AllowHeaders: "'Content-Type,Authorization'"
                AllowCredentials: true
          Resources:
            ItemsApi:
              Type: AWS::Serverless::HttpApi
              Properties:
                CorsConfiguration:
                  AllowOrigins:
                    - "*"
                  AllowCredentials: true
            ShopFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                FunctionUrlConfig:
                  AuthType: AWS_IAM
                  Cors:
                    AllowOrigins: ['*']
                    AllowCredentials: true
                Events:
                  Basket:
                    Type: Api
                    Properties:
                      Path: /basket
                      Method: get
                  Item:
                    Type: HttpApi
                    Properties:
                      ApiId: !Ref ItemsApi
                      Path: /items/{id}
                      Method: get
        `,
      },
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: "'*'", functions: 'ShopFunction' },
          file: 'template.yaml', line: 6, column: 20, endLine: 6, endColumn: 25,
          related: [
            { file: 'template.yaml', line: 8, column: 25, endLine: 8, endColumn: 29 },
            { file: 'template.yaml', line: 17, column: 3, endLine: 17, endColumn: 15 },
          ],
        },
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'ShopFunction' },
          file: 'template.yaml', line: 15, column: 13, endLine: 15, endColumn: 16,
        },
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'ShopFunction' },
          file: 'template.yaml', line: 25, column: 26, endLine: 25, endColumn: 29,
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: AWS::Lambda::Url Cors',
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
                "Properties": {
                  "AuthType": "AWS_IAM",
                  "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] },
                  "Cors": { "AllowOrigins": ["*"], "AllowCredentials": true }
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { origin: '*', functions: 'Fn' },
          file: 'stack.json', line: 13, column: 36, endLine: 13, endColumn: 39,
          related: [
            { file: 'stack.json', line: 13, column: 62, endLine: 13, endColumn: 66 },
            { file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 9 },
          ],
        },
      ],
      output: null,
    },
  ],
});
