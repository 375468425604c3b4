/**
 * The HTTP endpoint facts the model adds to every function (rules/model/endpoints.ts): event keys,
 * auth states with where they come from, CORS, timeout and reserved concurrency, per format.
 */
import assert from 'node:assert/strict';
import { Project } from '../../rules/engine/project';
import type { FunctionModel, HttpAuthModel } from '../../rules/model/types';
import { stringValue, type DocNode } from '../../rules/parse/document';
import { dedent as yaml } from '../helpers/rule-tester';

function functionsOf(files: Record<string, string>): Map<string, FunctionModel> {
  return new Map(new Project(Object.entries(files)).model.functions.map((model) => [model.name, model]));
}

function only(map: Map<string, FunctionModel>, name: string): FunctionModel {
  const found = map.get(name);
  assert.ok(found, `function ${name}`);
  return found;
}

/** An auth model with its deciding node shown as text. */
const auth = (model: HttpAuthModel | undefined) =>
  model && { state: model.state, node: text(model.node), ...(model.inherited ? { inherited: true } : {}) };
const text = (node: DocNode | undefined) => (node === undefined ? undefined : (stringValue(node) ?? node.type));

describe('project model: HTTP endpoints', () => {
  it('serverless: event keys, auth of http/httpApi/url, provider-level timeout and CORS', () => {
    const functions = functionsOf({
      'serverless.yml': yaml`
        service: shop
        provider:
          name: aws
          timeout: 20
          httpApi:
            cors: true
        functions:
          a:
            handler: a.handler
            reservedConcurrency: 5
            timeout: 40
            url:
              authorizer: aws_iam
            events:
              - http: GET a
              - http:
                  path: b
                  method: get
                  private: \${self:custom.private}
              - httpApi:
                  path: /c
                  method: get
                  authorizer:
                    name: jwt
              - sqs: arn:aws:sqs:eu-west-1:123456789012:q
          b:
            handler: b.handler
            url: true
      `,
    });
    const a = only(functions, 'a');
    assert.equal(text(a.timeout), '40');
    assert.equal(text(a.reservedConcurrency), '5');
    assert.deepEqual(a.events.map((event) => text(event.key)), ['http', 'http', 'httpApi', 'sqs']);
    assert.deepEqual(a.events.map((event) => auth(event.http?.auth)), [
      { state: 'missing', node: undefined },
      { state: 'unknown', node: '${self:custom.private}' },
      { state: 'protected', node: 'map' },
      undefined,
    ]);
    assert.equal(text(a.events[2]?.http?.cors?.anyOrigin), 'true');
    assert.deepEqual(auth(a.url?.auth), { state: 'protected', node: 'aws_iam' });
    const b = only(functions, 'b');
    assert.equal(text(b.timeout), '20');
    assert.equal(b.reservedConcurrency, undefined);
    assert.deepEqual(auth(b.url?.auth), { state: 'missing', node: undefined });
    assert.equal(text(b.url?.key), 'url');
  });

  it('SAM: defaults from the API and Globals, NONE, API keys, private endpoints, integration timeouts', () => {
    const functions = functionsOf({
      'template.yaml': yaml`
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Timeout: 12
            ReservedConcurrentExecutions: 3
          Api:
            Auth:
              ApiKeyRequired: true
        Resources:
          Private:
            Type: AWS::Serverless::Api
            Properties:
              StageName: x
              EndpointConfiguration: PRIVATE
              Auth:
                ApiKeyRequired: false
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: nodejs22.x
              Events:
                Keyed:
                  Type: Api
                  Properties:
                    Path: /k
                    Method: get
                    TimeoutInMillis: 5000
                Inside:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Private
                    Path: /i
                    Method: get
                Open:
                  Type: HttpApi
                  Properties:
                    Auth:
                      Authorizer: NONE
      `,
    });
    const fn = only(functions, 'Fn');
    assert.equal(text(fn.timeout), '12');
    assert.equal(text(fn.reservedConcurrency), '3');
    assert.deepEqual(fn.events.map((event) => text(event.key)), ['Keyed', 'Inside', 'Open']);
    assert.deepEqual(fn.events.map((event) => auth(event.http?.auth)), [
      { state: 'protected', node: 'true', inherited: true },
      { state: 'protected', node: 'PRIVATE', inherited: true },
      { state: 'public', node: 'NONE' },
    ]);
    assert.equal(fn.events[0]?.http?.integrationTimeout?.seconds, 5);
  });

  it('CloudFormation and Azure: function URL resources, timeouts, trigger auth levels', () => {
    const functions = functionsOf({
      'stack.yaml': yaml`
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: index.handler
              Runtime: nodejs22.x
              Code: src
              Timeout: 30
              ReservedConcurrentExecutions: 0
          FnUrl:
            Type: AWS::Lambda::Url
            Properties:
              AuthType: NONE
              TargetFunctionArn: !GetAtt Fn.Arn
              Cors:
                AllowOrigins: ['*']
                AllowCredentials: 'true'
      `,
      'Hook/function.json': '{ "bindings": [{ "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "%LEVEL%" }] }\n',
      'Status/function.json': '{ "bindings": [{ "type": "HttpTrigger", "direction": "in", "name": "req" }] }\n',
    });
    const fn = only(functions, 'Fn');
    assert.equal(text(fn.timeout), '30');
    assert.equal(text(fn.reservedConcurrency), '0');
    assert.deepEqual(auth(fn.url?.auth), { state: 'public', node: 'NONE' });
    assert.equal(text(fn.url?.key), 'FnUrl');
    assert.equal(text(fn.url?.cors?.anyOrigin), '*');
    assert.equal(text(fn.url?.cors?.allowCredentials), 'true');
    assert.deepEqual(auth(only(functions, 'Hook').events[0]?.http?.auth), { state: 'unknown', node: '%LEVEL%' });
    assert.deepEqual(auth(only(functions, 'Status').events[0]?.http?.auth), { state: 'protected', node: undefined });
  });
});
