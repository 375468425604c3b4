/**
 * Ways an IAM principal can raise its own privileges, as data for `iam/privilege-escalation`.
 *
 * Each path lists every action that must be allowed (a combination may be spread over several
 * statements of one role) and why holding them is enough. The list follows the published
 * research on IAM privilege escalation (Rhino Security Labs' "AWS IAM Privilege Escalation –
 * Methods and Mitigation", Bishop Fox's iam-vulnerable) for the services a serverless
 * application's roles plausibly touch. Every action name is checked against the IAM action data
 * by `test/rules/iam/privilege-escalation.test.ts`.
 */

export interface EscalationRequirement {
  /** One IAM action, canonical case (`iam:PassRole`). */
  readonly action: string;
  /**
   * True when only a grant on every resource of its type counts (`*`, `role/*`). `iam:PassRole`
   * on one named role is the usual way to let a service use a role and escalates no further
   * than that role; on `*` it hands over any role, administrators included.
   */
  readonly anyResource?: boolean;
}

export interface EscalationPath {
  readonly requires: readonly EscalationRequirement[];
  /** Completes "… lets the function escalate privileges with <actions>: <reason>". */
  readonly reason: string;
}

const PASS_ANY_ROLE: EscalationRequirement = { action: 'iam:PassRole', anyResource: true };

export const PRIVILEGE_ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    requires: [{ action: 'iam:CreatePolicyVersion' }],
    reason: 'it can publish a new default version of a managed policy, its own included, that allows anything',
  },
  {
    requires: [{ action: 'iam:SetDefaultPolicyVersion' }],
    reason: 'it can make an older, broader version of a managed policy the one in force',
  },
  { requires: [{ action: 'iam:AttachRolePolicy' }], reason: 'it can attach AdministratorAccess to a role, its own included' },
  { requires: [{ action: 'iam:AttachUserPolicy' }], reason: 'it can attach AdministratorAccess to a user and act as that user' },
  { requires: [{ action: 'iam:AttachGroupPolicy' }], reason: 'it can attach AdministratorAccess to a group of users' },
  { requires: [{ action: 'iam:PutRolePolicy' }], reason: 'it can write an inline policy that allows anything into a role, its own included' },
  { requires: [{ action: 'iam:PutUserPolicy' }], reason: 'it can write an inline policy that allows anything into a user' },
  { requires: [{ action: 'iam:PutGroupPolicy' }], reason: 'it can write an inline policy that allows anything into a group' },
  { requires: [{ action: 'iam:AddUserToGroup' }], reason: 'it can add a user it controls to a more privileged group' },
  {
    requires: [{ action: 'iam:UpdateAssumeRolePolicy' }],
    reason: "it can rewrite a privileged role's trust policy so that it, or another account, may assume that role",
  },
  { requires: [{ action: 'iam:CreateAccessKey' }], reason: 'it can create access keys for another user, an administrator included' },
  { requires: [{ action: 'iam:CreateLoginProfile' }], reason: 'it can give a user without a console password one it chooses' },
  { requires: [{ action: 'iam:UpdateLoginProfile' }], reason: "it can reset another user's console password" },
  {
    requires: [{ action: 'sts:AssumeRole', anyResource: true }],
    reason: 'it can assume any role whose trust policy admits the account',
  },
  {
    // Alone, PassRole hands roles to services; the combinations below say which service then
    // runs the attacker's code. A bare PassRole on `*` is still reported (issue 3): the
    // combination that uses it may sit in a policy this project does not show.
    requires: [PASS_ANY_ROLE],
    reason: 'it can hand any role in the account, administrators included, to a service it controls',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'lambda:CreateFunction' }],
    reason: 'it can create a Lambda function that runs its own code as any role in the account',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'lambda:UpdateFunctionConfiguration' }],
    reason: 'it can switch an existing function to any role in the account',
  },
  {
    // No PassRole needed: the function keeps its role and runs whatever code is uploaded.
    requires: [{ action: 'lambda:UpdateFunctionCode', anyResource: true }],
    reason: "it can replace the code of any function, which then runs with that function's role",
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'ec2:RunInstances' }],
    reason: "it can start an instance with any role's instance profile and read its credentials from the instance",
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'glue:CreateDevEndpoint' }],
    reason: 'it can create a Glue development endpoint that runs as any role and log in to it',
  },
  {
    requires: [{ action: 'glue:UpdateDevEndpoint', anyResource: true }],
    reason: 'it can add its own SSH key to an existing Glue development endpoint and act as its role',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'cloudformation:CreateStack' }],
    reason: 'it can deploy a stack that CloudFormation creates with any role, administrators included',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'datapipeline:CreatePipeline' }, { action: 'datapipeline:PutPipelineDefinition' }],
    reason: 'it can define a Data Pipeline that runs its commands as any role',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'ecs:RegisterTaskDefinition' }, { action: 'ecs:RunTask' }],
    reason: 'it can run an ECS task of its own definition with any role as the task role',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'codebuild:CreateProject' }, { action: 'codebuild:StartBuild' }],
    reason: 'it can run a CodeBuild project of its own definition with any role as the service role',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'sagemaker:CreateNotebookInstance' }, { action: 'sagemaker:CreatePresignedNotebookInstanceUrl' }],
    reason: 'it can open a SageMaker notebook that runs as any role',
  },
  {
    requires: [PASS_ANY_ROLE, { action: 'states:CreateStateMachine' }, { action: 'states:StartExecution' }],
    reason: 'it can run a state machine of its own definition, which may call any AWS API, as any role',
  },
];
