import rule from '../../../rules/checks/config/long-timeout';
import { json, testRule, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'serverless: timeouts within the wait, mixed triggers, a function URL, variables',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            timeout: 900
          custom:
            timeout: 120
          functions:
            items:
              handler: src/items.handler
              timeout: 29
              events:
                - http: GET items
            search:
              handler: src/search.handler
              timeout: 30
              events:
                - httpApi: GET /search
            import:
              handler: src/import.handler
              timeout: 300
              events:
                - http: POST import
                - sqs: arn:aws:sqs:eu-west-1:123456789012:imports
            export:
              handler: src/export.handler
              timeout: 600
              url: true
              events:
                - http: POST export
            report:
              handler: src/report.handler
              timeout: \${self:custom.timeout}
              events:
                - http: GET report
            nightly:
              handler: src/nightly.handler
              events:
                - schedule: rate(1 day)
            ingest:
              handler: src/ingest.handler
              timeout: 120
              events:
                - http:
                    path: ingest
                    method: post
                    async: true
        `,
      },
    },
    {
      name: 'SAM: a raised REST integration timeout, and a Globals timeout within the wait',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Timeout: 10
          Resources:
            ReportFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Timeout: 60
                Events:
                  Report:
                    Type: Api
                    Properties:
                      Path: /report
                      Method: get
                      TimeoutInMillis: 60000
            ItemsFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Events:
                  Items:
                    Type: HttpApi
        `,
      },
    },
    {
      name: 'CloudFormation JSON: a long timeout on a function no API calls',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "index.handler", "Runtime": "nodejs22.x", "Code": "src", "Timeout": 900 } }
            }
          }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: a provider timeout reported once for its API functions, and a function timeout',
      files: {
        'serverless.yml': yaml`
          service: shop
          provider:
            name: aws
            timeout: 60
          functions:
            items:
              handler: src/items.handler
              events:
                - http: GET items
            search:
              handler: src/search.handler
              events:
                - httpApi: GET /search
            basket:
              handler: src/basket.handler
              timeout: 45
              events:
                - httpApi: GET /basket
            fulfil:
              handler: src/fulfil.handler
              events:
                - sqs: arn:aws:sqs:eu-west-1:123456789012:orders
        `,
      },
      errors: [
        {
          messageId: 'longTimeout',
          data: { timeout: '60', limit: '30', functions: 'items, search' },
          file: 'serverless.yml', line: 4, column: 12, endLine: 4, endColumn: 14,
          related: [
            { file: 'serverless.yml', line: 6, column: 3, endLine: 6, endColumn: 8, message: 'function items: its REST API waits 29 s' },
            { file: 'serverless.yml', line: 10, column: 3, endLine: 10, endColumn: 9, message: 'function search: its HTTP API waits 30 s' },
          ],
        },
        {
          messageId: 'longTimeout',
          data: { timeout: '45', limit: '30', functions: 'basket' },
          file: 'serverless.yml', line: 16, column: 14, endLine: 16, endColumn: 16,
          related: [],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a Globals timeout, a string timeout and a lowered integration timeout',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Timeout: 120
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
            SearchFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Timeout: '300'
                Events:
                  Search:
                    Type: HttpApi
            QuickFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs22.x
                Timeout: 29
                Events:
                  Quick:
                    Type: Api
                    Properties:
                      Path: /quick
                      Method: get
                      TimeoutInMillis: 10000
        `,
      },
      errors: [
        {
          messageId: 'longTimeout',
          data: { timeout: '120', limit: '29', functions: 'ItemsFunction' },
          file: 'template.yaml', line: 5, column: 14, endLine: 5, endColumn: 17,
          related: [{ file: 'template.yaml', line: 7, column: 3, endLine: 7, endColumn: 16 }],
        },
        {
          messageId: 'longTimeout',
          data: { timeout: '300', limit: '30', functions: 'SearchFunction' },
          file: 'template.yaml', line: 23, column: 16, endLine: 23, endColumn: 21,
          related: [],
        },
        {
          messageId: 'longTimeout',
          data: { timeout: '29', limit: '10', functions: 'QuickFunction' },
          file: 'template.yaml', line: 32, column: 16, endLine: 32, endColumn: 18,
          related: [],
        },
      ],
      output: null,
    },
  ],
});
