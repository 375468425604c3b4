import assert from 'node:assert/strict';
import { stringValue } from '../../rules/parse/document';
import { modelOf } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

describe('project model: Lambda permissions and trust policies', () => {
  it('reads AWS::Lambda::Permission of CloudFormation and links it to the function it names', () => {
    const text = dedent`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Worker:
          Type: AWS::Lambda::Function
          Properties:
            Handler: index.handler
            Role: arn:aws:iam::123456789012:role/worker
        FromBucket:
          Type: AWS::Lambda::Permission
          Properties:
            Action: lambda:InvokeFunction
            FunctionName: !GetAtt Worker.Arn
            Principal: s3.amazonaws.com
            SourceArn: arn:aws:s3:::photos
            SourceAccount: '123456789012'
        Elsewhere:
          Type: AWS::Lambda::Permission
          Properties:
            FunctionName: arn:aws:lambda:eu-west-1:123456789012:function:other
            Principal: '*'
            PrincipalOrgID: o-a1b2c3d4e5
            FunctionUrlAuthType: AWS_IAM
    `;
    const model = modelOf({ 'stack.yaml': text });
    assert.deepEqual(model.permissions.map((permission) => permission.name), ['FromBucket', 'Elsewhere']);
    const [fromBucket, elsewhere] = model.permissions;
    assert.equal(fromBucket?.function?.name, 'Worker');
    assert.equal(fromBucket && textAt(text, fromBucket.key), 'FromBucket');
    assert.deepEqual(
      [fromBucket?.action, fromBucket?.principal, fromBucket?.sourceArn, fromBucket?.sourceAccount].map((node) => stringValue(node)),
      ['lambda:InvokeFunction', 's3.amazonaws.com', 'arn:aws:s3:::photos', '123456789012'],
    );
    assert.equal(elsewhere?.function, undefined);
    assert.equal(stringValue(elsewhere?.principalOrgId), 'o-a1b2c3d4e5');
    assert.equal(stringValue(elsewhere?.functionUrlAuthType), 'AWS_IAM');
  });

  it('links a permission in serverless resources to a framework function by its generated logical id', () => {
    const model = modelOf({
      'serverless.yml': dedent`
        service: photos
        provider:
          name: aws
        functions:
          resize_image:
            handler: src/resize.handler
        resources:
          Resources:
            Invoke:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref ResizeUnderscoreimageLambdaFunction
                Principal: sns.amazonaws.com
      `,
    });
    assert.equal(model.permissions[0]?.function?.name, 'resize_image');
  });

  it('keeps a role trust policy on the role, out of the policies that grant actions', () => {
    const text = dedent`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        WorkerRole:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Statement:
                - Effect: Allow
                  Principal: { Service: lambda.amazonaws.com }
                  Action: sts:AssumeRole
    `;
    const model = modelOf({ 'stack.yaml': text });
    const [role] = model.roles;
    const [statement] = role?.trustPolicy?.statements ?? [];
    assert.equal(statement && textAt(text, statement.principal!), '{ Service: lambda.amazonaws.com }');
    assert.equal(role?.trustPolicy?.owner.name, 'WorkerRole');
    assert.deepEqual(model.policies, []);
    assert.deepEqual(model.statementsIn('stack.yaml'), []);
  });
});
