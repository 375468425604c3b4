/**
 * Completions for who may call a function: serverless `authorizer:` on an `http` / `httpApi`
 * event, SAM `Auth:` on an API event or an API, and Azure `authLevel`. The forms that require an
 * identity come first; the public ones (`NONE`, `anonymous`) are valid too, so they are offered
 * last, saying what they do. Also `AuthType` of a Lambda function URL (SAM `FunctionUrlConfig`,
 * `AWS::Lambda::Url`). In JSON templates the map forms are written as JSON objects.
 */
import type { Range } from '../engine/types';
import { lastKey, type CursorContext } from './context';
import { escapeSnippet, place } from './render';
import type { TemplateFacts } from './template';
import type { AssistCompletionItem } from './types';

export interface AuthForm {
  label: string;
  detail: string;
  documentation: string;
  /**
   * The value in snippet syntax: one line is a scalar; several are a block map, nested lines
   * indented by two spaces relative to the first.
   */
  lines: string[];
  /** Public forms sort last. */
  public?: boolean;
}

export const AZURE_AUTH_LEVELS: readonly AuthForm[] = [
  {
    label: 'function',
    detail: 'a function key is required',
    documentation: 'Callers send a function key (`x-functions-key` header or `code` query parameter). Combine with your own authentication for end users.',
    lines: ['function'],
  },
  {
    label: 'admin',
    detail: 'the master key is required',
    documentation: "Callers send the app's master (host) key: for operator-only endpoints.",
    lines: ['admin'],
  },
  {
    label: 'anonymous',
    detail: 'public: no key at all',
    documentation: 'Anyone who can reach the URL can call the function. Use it only when the handler authenticates every request itself (App Service authentication, a validated JWT).',
    lines: ['anonymous'],
    public: true,
  },
];

export const FUNCTION_URL_AUTH_TYPES: readonly AuthForm[] = [
  {
    label: 'AWS_IAM',
    detail: 'callers sign requests with IAM credentials',
    documentation: 'Lambda checks a SigV4 signature: callers need AWS credentials allowed to `lambda:InvokeFunctionUrl` on this function.',
    lines: ['AWS_IAM'],
  },
  {
    label: 'NONE',
    detail: 'public: anyone with the URL',
    documentation: 'Lambda authenticates no one: anyone who has the URL can call the function. Use it only when the handler authenticates every request itself, or the endpoint is public by design.',
    lines: ['NONE'],
    public: true,
  },
];

/** The completions for an auth setting at the cursor, or undefined when the cursor is not on one. */
export function authCompletions(context: CursorContext, facts: TemplateFacts, text: string): AssistCompletionItem[] | undefined {
  const last = lastKey(context.path);
  // The cursor is in the value of the path's last key itself, not in a list below it.
  if (!last || last.depth !== context.path.length - 1) return undefined;
  const { key, depth } = last;
  const path = context.path;
  const valueSlot = context.style === 'inline' || context.style === 'string' || context.style === 'bare';
  // JSON: a value (scalar or object) goes after `"Key": `, bare or replacing a string.
  const json = context.language === 'json';
  const mapSlot = json ? context.style === 'string' || context.style === 'bare' : context.style === 'inline' || context.style === 'block';
  const scalarSlot = json ? valueSlot : context.style === 'inline';

  if (key === 'authLevel' && valueSlot) return render(AZURE_AUTH_LEVELS, context, text);
  if (key === 'AuthType' && valueSlot && isFunctionUrlAuthType(context, depth)) return render(FUNCTION_URL_AUTH_TYPES, context, text);

  // serverless.yml: functions.<name>.events[].http.authorizer / httpApi.authorizer
  const event = path[depth - 1];
  if (key === 'authorizer' && (event === 'http' || event === 'httpApi') && path[depth - 2] === '[]' && path[depth - 3] === 'events') {
    if (!mapSlot) return undefined;
    const forms = event === 'http' ? restAuthorizers(facts, path[depth - 4]) : httpApiAuthorizers(facts);
    return render(context.style === 'block' ? forms.filter(isMapForm) : forms, context, text);
  }

  // SAM: Auth of an Api / HttpApi event, of an AWS::Serverless::Api / HttpApi, or of Globals.
  if (key === 'Auth' && mapSlot) {
    const owner = samAuthOwner(context, depth);
    if (!owner) return undefined;
    const forms = owner.scope === 'event' ? samEventAuth(facts, owner.api) : samApiAuth(facts, owner.api);
    return render(forms, context, text);
  }
  if ((key === 'Authorizer' || key === 'DefaultAuthorizer') && path[depth - 1] === 'Auth' && scalarSlot) {
    const owner = samAuthOwner(context, depth - 1);
    if (!owner || (key === 'Authorizer') !== (owner.scope === 'event')) return undefined;
    const values = samAuthorizerValues(facts, owner.api, owner.scope === 'event');
    return render(values, context, text);
  }
  return undefined;
}

/**
 * `AuthType` of a Lambda function URL: SAM `FunctionUrlConfig` of an `AWS::Serverless::Function`
 * (or of `Globals.Function`), or the properties of an `AWS::Lambda::Url`.
 */
function isFunctionUrlAuthType(context: CursorContext, depth: number): boolean {
  const path = context.path;
  if (path[depth - 1] === 'FunctionUrlConfig') {
    if (depth === 3 && path[0] === 'Globals' && path[1] === 'Function') return true;
    return depth === 4 && path[0] === 'Resources' && path[2] === 'Properties' && context.valuesOf(2, 'Type')?.[0] === 'AWS::Serverless::Function';
  }
  return depth === 3 && path[0] === 'Resources' && path[2] === 'Properties' && context.valuesOf(2, 'Type')?.[0] === 'AWS::Lambda::Url';
}

/** Whose `Auth` map sits at `depth` of the path: an event's or an API's, and of which kind of API. */
function samAuthOwner(context: CursorContext, depth: number): { scope: 'event' | 'api'; api: 'Api' | 'HttpApi' } | undefined {
  const path = context.path;
  if (path[depth - 1] === 'Properties' && path[depth - 3] === 'Events') {
    const type = context.valuesOf(depth - 1, 'Type')?.[0];
    return type === 'Api' || type === 'HttpApi' ? { scope: 'event', api: type } : undefined;
  }
  if (path[depth - 1] === 'Properties' && path[depth - 3] === 'Resources' && depth === 3) {
    const type = context.valuesOf(depth - 1, 'Type')?.[0];
    if (type === 'AWS::Serverless::Api') return { scope: 'api', api: 'Api' };
    if (type === 'AWS::Serverless::HttpApi') return { scope: 'api', api: 'HttpApi' };
    return undefined;
  }
  const api = path[depth - 1];
  if (path[depth - 2] === 'Globals' && depth === 2 && (api === 'Api' || api === 'HttpApi')) return { scope: 'api', api };
  return undefined;
}

function restAuthorizers(facts: TemplateFacts, currentFunction: string | undefined): AuthForm[] {
  const forms: AuthForm[] = [
    {
      label: 'aws_iam',
      detail: 'callers sign requests with IAM credentials',
      documentation: 'API Gateway checks a SigV4 signature: callers need AWS credentials allowed to `execute-api:Invoke` this route (a web app gets them from a Cognito identity pool).',
      lines: ['aws_iam'],
    },
    {
      label: 'Cognito user pool',
      detail: 'callers send a user pool token',
      documentation: 'API Gateway validates an ID or access token from the Cognito user pool in the `Authorization` header.',
      lines: ['type: COGNITO_USER_POOLS', 'arn: ${1:arn:aws:cognito-idp:${2:region}:${3:account}:userpool/${4:pool-id}}'],
    },
  ];
  for (const name of facts.serverlessFunctions()) {
    if (name === currentFunction) continue;
    forms.push({
      label: name,
      detail: 'Lambda authorizer in this service',
      documentation: `Function \`${name}\` of this service decides, per request, whether the caller may call this route.`,
      lines: [escapeSnippet(name)],
    });
  }
  forms.push({
    label: 'Lambda request authorizer',
    detail: 'a function of this service checks each request',
    documentation: 'A Lambda authorizer that receives the request headers; results are cached per `Authorization` header for five minutes.',
    lines: [
      `name: \${1:${escapeSnippet(facts.serverlessFunctions().find((name) => name !== currentFunction) ?? 'authorizer')}}`,
      'type: request',
      'identitySource: method.request.header.Authorization',
      'resultTtlInSeconds: 300',
    ],
  });
  return forms;
}

function httpApiAuthorizers(facts: TemplateFacts): AuthForm[] {
  const forms: AuthForm[] = [
    {
      label: 'type: aws_iam',
      detail: 'callers sign requests with IAM credentials',
      documentation: 'API Gateway checks a SigV4 signature: callers need AWS credentials allowed to `execute-api:Invoke` this route.',
      lines: ['type: aws_iam'],
    },
  ];
  const names = facts.httpApiAuthorizers();
  for (const name of names) {
    forms.push({
      label: `name: ${name}`,
      detail: 'authorizer of provider.httpApi.authorizers',
      documentation: `The \`${name}\` authorizer defined under \`provider.httpApi.authorizers\` checks each request.`,
      lines: [`name: ${escapeSnippet(name)}`],
    });
  }
  if (names.length === 0) {
    forms.push({
      label: 'name: …',
      detail: 'a JWT or Lambda authorizer',
      documentation: 'Names an authorizer defined under `provider.httpApi.authorizers` (a JWT issuer such as a Cognito user pool, or a Lambda function).',
      lines: ['name: ${1:jwtAuthorizer}'],
    });
  }
  return forms;
}

function samEventAuth(facts: TemplateFacts, api: 'Api' | 'HttpApi'): AuthForm[] {
  const forms = samAuthorizerValues(facts, api, true).map(
    (value): AuthForm => ({ ...value, label: `Authorizer: ${value.label}`, lines: [`Authorizer: ${value.lines[0] ?? ''}`] }),
  );
  if (api === 'Api') {
    forms.push({
      label: 'ApiKeyRequired: true',
      detail: 'callers send an API key',
      documentation: 'API keys identify callers for usage plans; they are not a secret to rely on alone. Combine with an authorizer.',
      lines: ['ApiKeyRequired: true'],
    });
  }
  return forms;
}

/** `Authorizer` values (of an event) or `DefaultAuthorizer` values (of an API). */
function samAuthorizerValues(facts: TemplateFacts, api: 'Api' | 'HttpApi', forEvent: boolean): AuthForm[] {
  const forms: AuthForm[] = [
    {
      label: 'AWS_IAM',
      detail: 'callers sign requests with IAM credentials',
      documentation:
        api === 'HttpApi'
          ? 'API Gateway checks a SigV4 signature; the HTTP API needs `EnableIamAuthorizer: true` in its `Auth`.'
          : 'API Gateway checks a SigV4 signature: callers need AWS credentials allowed to `execute-api:Invoke` this route.',
      lines: ['AWS_IAM'],
    },
  ];
  for (const name of facts.samAuthorizers(api)) {
    forms.push({
      label: name,
      detail: `authorizer of the ${api === 'Api' ? 'REST' : 'HTTP'} API`,
      documentation: `The \`${name}\` authorizer defined in the API's \`Auth.Authorizers\` checks each request.`,
      lines: [escapeSnippet(name)],
    });
  }
  if (forEvent) {
    forms.push({
      label: 'NONE',
      detail: 'public: overrides the API default authorizer',
      documentation: 'Anyone can call this route, whatever `DefaultAuthorizer` the API sets. Use it only for endpoints that are public by design.',
      lines: ['NONE'],
      public: true,
    });
  }
  return forms;
}

function samApiAuth(facts: TemplateFacts, api: 'Api' | 'HttpApi'): AuthForm[] {
  const forms: AuthForm[] = samAuthorizerValues(facts, api, false).map((value) => ({
    ...value,
    label: `DefaultAuthorizer: ${value.label}`,
    lines: api === 'HttpApi' && value.label === 'AWS_IAM' ? ['EnableIamAuthorizer: true', 'DefaultAuthorizer: AWS_IAM'] : [`DefaultAuthorizer: ${value.lines[0] ?? ''}`],
  }));
  if (api === 'Api') {
    forms.push(
      {
        label: 'Cognito user pool authorizer',
        detail: 'every route requires a user pool token',
        documentation: 'Defines a Cognito user pool authorizer and makes it the default for every route of the API.',
        lines: ['DefaultAuthorizer: CognitoAuthorizer', 'Authorizers:', '  CognitoAuthorizer:', '    UserPoolArn: !GetAtt ${1:UserPool}.Arn'],
      },
      {
        label: 'Lambda token authorizer',
        detail: 'a function checks each bearer token',
        documentation: 'Defines a Lambda token authorizer and makes it the default for every route of the API.',
        lines: ['DefaultAuthorizer: LambdaAuthorizer', 'Authorizers:', '  LambdaAuthorizer:', '    FunctionArn: !GetAtt ${1:AuthorizerFunction}.Arn'],
      },
    );
  } else {
    forms.push({
      label: 'JWT authorizer',
      detail: 'every route requires a JWT from your issuer',
      documentation: 'Defines a JWT authorizer (for example a Cognito user pool) and makes it the default for every route of the HTTP API.',
      lines: [
        'DefaultAuthorizer: JwtAuthorizer',
        'Authorizers:',
        '  JwtAuthorizer:',
        '    IdentitySource: \\$request.header.Authorization',
        '    JwtConfiguration:',
        '      issuer: ${1:https://cognito-idp.${2:region}.amazonaws.com/${3:pool-id}}',
        '      audience:',
        '        - ${4:app-client-id}',
      ],
    });
  }
  return forms;
}

function render(forms: readonly AuthForm[], context: CursorContext, text: string): AssistCompletionItem[] {
  const items: AssistCompletionItem[] = [];
  forms.forEach((form, index) => {
    const block = isMapForm(form);
    let insertText: string;
    let range: Range = context.token.range;
    let additionalEdits: AssistCompletionItem['additionalEdits'];
    if (block && context.language === 'json') {
      const object = jsonObject(form.lines, context.blockColumn);
      if (object === undefined) return;
      insertText = object;
      // An object cannot sit inside quotes: the quotes go too.
      const token = context.token;
      if (token.quote) range = { start: range.start - 1, end: token.closingQuote !== undefined ? token.closingQuote + 1 : range.end };
    } else if (!block) {
      const placement = place({ kind: 'scalar', text: form.lines[0] ?? '', quoted: false }, context, 'plain', false);
      insertText = placement.insertText;
      range = placement.range;
    } else if (context.style === 'inline') {
      // A map below the key: the value starts on the next line, indented under the key.
      const pad = ' '.repeat(context.blockColumn);
      insertText = form.lines.map((line) => `\n${pad}${line}`).join('');
      const spaces = spacesBefore(text, range.start);
      if (spaces.start < spaces.end) additionalEdits = [{ range: spaces, text: '' }];
    } else {
      const pad = ' '.repeat(context.blockColumn);
      insertText = form.lines.map((line, at) => (at === 0 ? line : `\n${pad}${line}`)).join('');
    }
    items.push({
      label: form.label,
      kind: block ? 'block' : 'value',
      detail: form.detail,
      documentation: form.documentation,
      insertText,
      snippet: true,
      range,
      filterText: form.label,
      sortText: `${form.public ? 9 : 0}-${String(index).padStart(2, '0')}`,
      ...(additionalEdits ? { additionalEdits } : {}),
    });
  });
  return items;
}

/** A form's lines read as a tiny YAML subset: `key: scalar`, `key:` over a nested map or `- item` list. */
type FormNode = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, FormNode][] } | { kind: 'seq'; items: FormNode[] };

const FORM_KEY = /^([A-Za-z][\w-]*):(?: (.*))?$/;

function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** Reads the lines from `start` at indentation `indent`; undefined for anything outside the subset. */
function readForm(lines: readonly string[], start: number, indent: number): { node: FormNode; next: number } | undefined {
  let index = start;
  const first = lines[index];
  if (first === undefined) return undefined;
  if (first.slice(indent).startsWith('- ')) {
    const items: FormNode[] = [];
    for (let line = lines[index]; line !== undefined && indentOf(line) === indent && line.slice(indent).startsWith('- '); line = lines[++index]) {
      items.push({ kind: 'scalar', text: line.slice(indent + 2) });
    }
    return { node: { kind: 'seq', items }, next: index };
  }
  const entries: [string, FormNode][] = [];
  for (let line = lines[index]; line !== undefined && indentOf(line) === indent; line = lines[index]) {
    const match = FORM_KEY.exec(line.slice(indent));
    const key = match?.[1];
    if (!match || key === undefined) return undefined;
    const value = match[2];
    if (value !== undefined && value !== '') {
      entries.push([key, { kind: 'scalar', text: value }]);
      index++;
      continue;
    }
    const below = lines[index + 1];
    if (below === undefined || indentOf(below) <= indent) return undefined;
    const child = readForm(lines, index + 1, indentOf(below));
    if (!child) return undefined;
    entries.push([key, child.node]);
    index = child.next;
  }
  return { node: { kind: 'map', entries }, next: index };
}

/** A form's lines as a JSON object in snippet syntax, its lines indented from `column`. */
function jsonObject(lines: readonly string[], column: number): string | undefined {
  const read = readForm(lines, 0, 0);
  if (!read || read.next !== lines.length || read.node.kind !== 'map') return undefined;
  return jsonForm(read.node, column);
}

function jsonForm(node: FormNode, column: number): string {
  if (node.kind === 'seq') return `[${node.items.map((item) => jsonForm(item, column)).join(', ')}]`;
  if (node.kind === 'map') {
    const pad = ' '.repeat(column + 2);
    const entries = node.entries.map(([key, value]) => `${pad}"${key}": ${jsonForm(value, column + 2)}`);
    return `{\n${entries.join(',\n')}\n${' '.repeat(column)}}`;
  }
  const text = node.text;
  if (/^(true|false|-?\d+)$/.test(text)) return text;
  const getAtt = /^!GetAtt (.+)\.(\w+)$/.exec(text);
  if (getAtt) return `{ "Fn::GetAtt": ["${getAtt[1] ?? ''}", "${getAtt[2] ?? ''}"] }`;
  return `"${text}"`;
}

/** A form that is a map (`type: aws_iam`, several lines) rather than a scalar (`aws_iam`). */
function isMapForm(form: AuthForm): boolean {
  return form.lines.length > 1 || /^[A-Za-z][\w-]*:( |$)/.test(form.lines[0] ?? '');
}

/** The spaces and tabs just before `offset` on its line (left behind after `Key:`). */
function spacesBefore(text: string, offset: number): Range {
  let start = offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: offset };
}

/** One-line values replacing `range`, wrapped in `quote` (handler code, where no YAML rules apply). */
export function renderValues(forms: readonly AuthForm[], range: Range, quote: string): AssistCompletionItem[] {
  return forms.map((form, index) => ({
    label: form.label,
    kind: 'value',
    detail: form.detail,
    documentation: form.documentation,
    insertText: `${quote}${form.lines[0] ?? ''}${quote}`,
    snippet: true,
    range,
    filterText: form.label,
    sortText: `${form.public ? 9 : 0}-${String(index).padStart(2, '0')}`,
  }));
}
