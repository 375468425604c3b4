/**
 * Finds every hardcoded secret of one file once, for all secret rules, and decides which rule
 * reports each span. Precedence, most specific first:
 *
 *   1. `private-key`           a PEM private key block (the whole block is claimed)
 *   2. `aws-access-key`        an AWS access key id, and a secret access key near one
 *   3. `template-environment`  a plaintext secret as the value of a template environment variable
 *                              or an Azure app setting (the whole value is claimed, so a token in it
 *                              is not reported again by `provider-token`)
 *   4. `provider-token`        a provider token or connection-string password anywhere else
 *   5. `jwt`                   a JSON Web Token anywhere else
 *   6. `generic`               a value under a secret-meaning name, or a constant Authorization value
 *
 * A candidate whose span overlaps a span already claimed is dropped, so one secret is one finding.
 * Precedence is by detection, not by configuration: turning a rule off does not hand its spans to
 * the next one.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from '../../engine/types';
import type { EnvironmentVariable, FunctionModel, ProjectModel, TemplateFormat } from '../../model/types';
import { get, getPath, isMap, isScalar, walk as walkDocument, type DocNode, type ScalarNode } from '../../parse/document';
import type { SourceFile } from '../../parse/source-file';
import { childrenOf, memberPath, propertyName, unwrap, walk } from '../estree';
import { collectImports, resolveCallee } from '../imports';
import { isLockfile, looksMinified } from './files';
import { collectConstants, foldString, type FoldScope } from './fold';
import { judgeAuthorization, judgeNamedValue } from './judge';
import { classifySecretName, nameWords, toEnvironmentName, type SecretName } from './names';
import { pemEndMarker, scanPatterns, type PatternMatch, type SecretPattern } from './patterns';
import { isReference } from './values';

export type SecretCategory = 'private-key' | 'aws-access-key' | 'template-environment' | 'provider-token' | 'jwt' | 'generic';

/** How a generic secret was recognised. */
export type GenericShape = 'named' | 'compared' | 'fallback' | 'authorization';

/** A template environment variable or Azure app setting, wherever the model found it. */
export interface EnvironmentEntry {
  name: string;
  nameNode: ScalarNode;
  value: DocNode;
  level: EnvironmentVariable['level'] | 'connection-string';
  format: TemplateFormat;
  /** The function that declares it, for function-level variables. */
  function?: FunctionModel;
}

/** A string literal in code that holds a secret, and the environment variable to read it from instead. */
export interface SecretLiteral {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  /** The node the literal is a child of (typescript-estree's `parse` sets no parent links). */
  parent: TSESTree.Node | undefined;
  environmentName: string;
}

/** A YAML/JSON value under a secret-meaning key, and where it sits in its document. */
export interface DocumentValue {
  key: ScalarNode;
  value: ScalarNode;
  /** The keys from the document root down to the value's key. */
  path: string[];
}

export interface SecretFinding {
  category: SecretCategory;
  /** What is underlined: the secret itself, or the whole expression that builds it. */
  range: Range;
  /** The raw secret. Only ever shown through `maskSecret`. */
  secret: string;
  /** What it is, for messages: "a GitHub personal access token", "a password". */
  kind: string;
  pattern?: SecretPattern;
  /** The name the value is written under (variable, key, header), when one says it is secret. */
  name?: string;
  shape?: GenericShape;
  environment?: EnvironmentEntry;
  literal?: SecretLiteral;
  documentValue?: DocumentValue;
  /** For an AWS secret access key: the key id next to it. */
  related?: { range: Range; message: string }[];
}

const cache = new WeakMap<SourceFile, { model: ProjectModel; findings: SecretFinding[] }>();

/** Every secret of a file, each span once, in position order. Cached per parsed file and model. */
export function detectSecrets(file: SourceFile, model: ProjectModel): SecretFinding[] {
  const cached = cache.get(file);
  if (cached && cached.model === model) return cached.findings;
  const findings = isLockfile(file.path) || file.parseError ? [] : detect(file, model);
  cache.set(file, { model, findings });
  return findings;
}

function detect(file: SourceFile, model: ProjectModel): SecretFinding[] {
  const claimed = new Claims();
  const findings: SecretFinding[] = [];
  const accept = (finding: SecretFinding, claim: Range = finding.range): void => {
    if (!claimed.take(claim)) return;
    findings.push(finding);
  };
  const matches = scanPatterns(file.text);
  const program = file.language === 'javascript' ? file.ast : undefined;
  const parents = program ? parentLinks(program) : new Map<TSESTree.Node, TSESTree.Node>();
  const literals = program ? stringLiterals(program) : [];

  for (const match of matches) {
    if (match.pattern.owner !== 'private-key') continue;
    const endMarker = pemEndMarker(file.text, match.range.end);
    const blockEnd = endMarker < 0 ? match.range.end : lineEnd(file.text, endMarker);
    accept(
      { category: 'private-key', range: match.range, secret: file.text.slice(match.range.start, blockEnd), kind: privateKeyKind(match.secret), pattern: match.pattern },
      { start: match.range.start, end: blockEnd },
    );
  }

  const keyIds = matches.filter((match) => match.pattern.id === 'aws-access-key-id');
  for (const match of matches) {
    if (match.pattern.owner !== 'aws-access-key') continue;
    const finding: SecretFinding = { category: 'aws-access-key', range: match.range, secret: match.secret, kind: match.pattern.kind, pattern: match.pattern };
    if (match.pattern.id === 'aws-secret-access-key') {
      const nearest = nearestMatch(keyIds, match.range);
      if (nearest) finding.related = [{ range: nearest.range, message: 'the access key id it belongs to' }];
    }
    accept(finding);
  }

  for (const entry of environmentEntries(file, model)) {
    const finding = judgeEnvironmentEntry(file, entry, matches);
    if (finding) accept(finding);
  }

  for (const owner of ['provider-token', 'jwt'] as const) {
    for (const match of matches) {
      if (match.pattern.owner !== owner) continue;
      const finding: SecretFinding = { category: owner, range: match.range, secret: match.secret, kind: match.pattern.kind, pattern: match.pattern };
      const literal = literalAround(literals, match, file.text, parents);
      if (literal) finding.literal = literal;
      accept(finding);
    }
  }

  if (!looksMinified(file.path, file.text)) {
    for (const finding of genericSecrets(file, model, parents)) accept(finding);
  }
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/**
 * Ranges already reported by a rule of higher precedence: disjoint, sorted by start (and so by
 * end), so one binary search finds the only claimed range a new one can overlap.
 */
class Claims {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Claims `range` unless it overlaps a claimed one; returns whether it did. */
  take(range: Range): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] ?? 0) < range.end) low = middle + 1;
      else high = middle;
    }
    // Of the ranges starting before this one ends, the last reaches furthest.
    if (low > 0 && (this.ends[low - 1] ?? 0) > range.start) return false;
    this.starts.splice(low, 0, range.start);
    this.ends.splice(low, 0, range.end);
    return true;
  }
}

function privateKeyKind(header: string): string {
  const type = /BEGIN (.*)PRIVATE KEY/.exec(header)?.[1]?.trim() ?? '';
  switch (type) {
    case 'RSA':
      return 'an RSA private key';
    case 'EC':
      return 'an EC private key';
    case 'DSA':
      return 'a DSA private key';
    case 'OPENSSH':
      return 'an OpenSSH private key';
    case 'PGP':
      return 'a PGP private key';
    case 'ENCRYPTED':
    case 'SSH2 ENCRYPTED':
      return 'an encrypted private key';
    default:
      return 'a private key';
  }
}

function nearestMatch(candidates: readonly PatternMatch[], range: Range): PatternMatch | undefined {
  let best: PatternMatch | undefined;
  for (const candidate of candidates) {
    if (!best || Math.abs(candidate.range.start - range.start) < Math.abs(best.range.start - range.start)) best = candidate;
  }
  return best;
}

function lineEnd(text: string, offset: number): number {
  const next = text.slice(offset).search(/[\r\n]/);
  return next < 0 ? text.length : offset + next;
}

// ---------------------------------------------------------------------------------------------
// Template environments

/**
 * The environment variables and app settings written in this file: every function's environment
 * (serverless `environment`, SAM/CloudFormation `Environment.Variables`, `Globals`) and the
 * `Values` and `ConnectionStrings` of an Azure local.settings.json. Each value once.
 */
export function environmentEntries(file: SourceFile, model: ProjectModel): EnvironmentEntry[] {
  const template = model.template(file.path);
  if (!template || (file.language !== 'yaml' && file.language !== 'json')) return [];
  const nodes = new Set<DocNode>();
  for (const document of file.documents) walkDocument(document, (node) => nodes.add(node));
  const entries = new Map<DocNode, EnvironmentEntry>();
  for (const fn of model.functions) {
    for (const variable of fn.environment) {
      if (!nodes.has(variable.value) || variable.level === 'settings') continue;
      const known = entries.get(variable.value);
      if (known && known.function) continue;
      const entry: EnvironmentEntry = { name: variable.name, nameNode: variable.nameNode, value: variable.value, level: variable.level, format: template.format };
      if (variable.level === 'function') entry.function = fn;
      entries.set(variable.value, entry);
    }
  }
  // Shared blocks are read from the template too: they hold variables even with no function yet.
  const shared =
    template.format === 'serverless'
      ? getPath(template.root, 'provider', 'environment')
      : template.format === 'sam'
        ? getPath(template.root, 'Globals', 'Function', 'Environment', 'Variables')
        : undefined;
  for (const entry of isMap(shared) ? shared.entries : []) {
    const name = entry.key.value;
    if (typeof name !== 'string' || entries.has(entry.value)) continue;
    entries.set(entry.value, { name, nameNode: entry.key, value: entry.value, level: template.format === 'sam' ? 'globals' : 'provider', format: template.format });
  }
  if (template.format === 'azure-settings') {
    for (const [section, level] of [['Values', 'settings'], ['ConnectionStrings', 'connection-string']] as const) {
      const map = get(template.root, section);
      if (!isMap(map)) continue;
      for (const entry of map.entries) {
        const name = entry.key.value;
        if (typeof name !== 'string' || entries.has(entry.value)) continue;
        entries.set(entry.value, { name, nameNode: entry.key, value: entry.value, level, format: template.format });
      }
    }
  }
  return [...entries.values()].sort((a, b) => a.value.range.start - b.value.range.start);
}

function judgeEnvironmentEntry(file: SourceFile, entry: EnvironmentEntry, matches: readonly PatternMatch[]): SecretFinding | undefined {
  const node = entry.value;
  if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') return undefined;
  const value = String(node.value);
  if (isReference(value)) return undefined;
  const range = contentRange(file.text, node);
  const base = { category: 'template-environment' as const, range, secret: value, name: entry.name, environment: entry };
  const inside = matches.find((match) => match.pattern.owner === 'provider-token' && match.range.start >= node.range.start && match.range.end <= node.range.end);
  if (inside) return { ...base, kind: inside.pattern.kind, pattern: inside.pattern };
  // A connection string counts when a credential pattern matched in it (above), not for its
  // name alone: many hold no password (integrated security, managed identity, the emulator).
  const name = classifySecretName(entry.name);
  if (!name || (typeof node.value === 'number' && name.tier !== 'chosen')) return undefined;
  if (judgeNamedValue(name, value) === undefined) return undefined;
  const jwt = matches.find((match) => match.pattern.owner === 'jwt' && match.range.start >= node.range.start && match.range.end <= node.range.end);
  return { ...base, kind: jwt ? jwt.pattern.kind : withArticle(name.label) };
}

// ---------------------------------------------------------------------------------------------
// Generic secrets

type Parents = ReadonlyMap<TSESTree.Node, TSESTree.Node>;

/** Each node's parent: typescript-estree's `parse` does not link them. */
function parentLinks(program: TSESTree.Program): Map<TSESTree.Node, TSESTree.Node> {
  const parents = new Map<TSESTree.Node, TSESTree.Node>();
  walk(program, (node) => {
    for (const child of childrenOf(node)) parents.set(child, node);
  });
  return parents;
}

function genericSecrets(file: SourceFile, model: ProjectModel, parents: Parents): SecretFinding[] {
  switch (file.language) {
    case 'javascript':
      return file.ast ? javaScriptSecrets(file.ast, file.text, parents) : [];
    case 'yaml':
    case 'json':
      return documentSecrets(file, model);
    case 'text':
      return isDotenv(file.path) ? dotenvSecrets(file.text) : [];
  }
}

/** A named place a value is written to: `name = value`, `{ name: value }`, `setName(value)` … */
interface ValueSite {
  /** How messages name the place: `dbPassword`, `the Authorization header`, `jwt.sign()`. */
  name: string;
  classification: SecretName;
  value: TSESTree.Node;
  shape: GenericShape;
  /** The name for an environment variable, qualified by the enclosing object where it helps. */
  environmentName: string;
  /** Set for `const name = value`: the variable the value is declared as. */
  declared?: string;
}

/** Header-setting methods whose first argument names the header and second sets it. */
const HEADER_SETTERS: ReadonlySet<string> = new Set(['setHeader', 'set', 'header', 'append', 'setRequestHeader']);

function javaScriptSecrets(program: TSESTree.Program, text: string, parents: Parents): SecretFinding[] {
  const constants = collectConstants(program);
  const imports = collectImports(program);
  const sites: ValueSite[] = [];
  walk(program, (node) => sites.push(...valueSites(node, imports, parents)));

  // Consts reported under their own name are not folded into other values: one secret, one finding.
  const blocked = new Set<string>();
  for (const site of sites) {
    if (site.declared === undefined) continue;
    const folded = foldString(site.value, { constants });
    if (folded !== undefined && judgeNamedValue(site.classification, folded) !== undefined) blocked.add(site.declared);
  }
  const scope: FoldScope = { constants, blocked };

  const findings: SecretFinding[] = [];
  const reported: Range[] = [];
  for (const site of sites) {
    // A bare identifier is reported where it is declared.
    if (unwrap(site.value).type === AST_NODE_TYPES.Identifier) continue;
    const folded = foldString(site.value, site.declared !== undefined ? { constants } : scope);
    if (folded === undefined) continue;
    const secret = judgeNamedValue(site.classification, folded);
    if (secret === undefined) continue;
    const range = valueRange(site.value, text);
    const finding: SecretFinding = {
      category: 'generic',
      range,
      secret,
      kind: withArticle(site.classification.label),
      name: site.name,
      shape: site.shape,
    };
    const literal = plainLiteral(site.value);
    if (literal && site.shape === 'named') finding.literal = { node: literal, parent: parents.get(literal), environmentName: site.environmentName };
    findings.push(finding);
    reported.push(range);
  }

  // Authorization values built from constants anywhere, named or not: `'Basic ' + btoa('u:p')`.
  walk(program, (node) => {
    if (!isOutermostStringExpression(node, parents.get(node))) return;
    const range = valueRange(node, text);
    if (reported.some((other) => other.start < range.end && range.start < other.end)) return;
    const folded = foldString(node, scope);
    const authorization = folded === undefined ? undefined : judgeAuthorization(folded);
    if (folded === undefined || !authorization) return;
    findings.push({
      category: 'generic',
      range,
      secret: folded,
      kind: authorization.scheme.toLowerCase() === 'basic' ? 'a Basic authorization credential' : `a ${authorization.scheme} token`,
      shape: 'authorization',
    });
    reported.push(range);
  });
  return findings;
}

/** The named value sites a node creates. */
type SiteMaker = (
  name: string | undefined,
  value: TSESTree.Node | null | undefined,
  shape: GenericShape,
  qualifier?: string,
  display?: string,
) => ValueSite[];

function valueSites(node: TSESTree.Node, imports: ReturnType<typeof collectImports>, parents: Parents): ValueSite[] {
  const site: SiteMaker = (name, value, shape, qualifier, display) => {
    if (name === undefined || !value) return [];
    const classification = classifySecretName(name);
    if (!classification) return [];
    const fallback = fallbackOf(value);
    return [
      {
        name: display ?? name,
        classification,
        value: fallback ?? value,
        shape: fallback ? 'fallback' : shape,
        environmentName: environmentNameFor(name, qualifier),
      },
    ];
  };
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclarator: {
      if (node.id.type !== AST_NODE_TYPES.Identifier) return [];
      const declared = node.id.name;
      return site(declared, node.init, 'named').map((found) => (found.shape === 'named' ? { ...found, declared } : found));
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return [];
      const path = memberPath(node.left) ?? computedMemberPath(node.left);
      return site(path?.[path.length - 1], node.right, 'named', path?.[path.length - 2]);
    }
    case AST_NODE_TYPES.Property: {
      const object = parents.get(node);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression || node.shorthand || node.kind !== 'init') return [];
      return site(propertyName(node.key, node.computed), node.value, 'named', enclosingName(parents.get(object)));
    }
    case AST_NODE_TYPES.PropertyDefinition:
      return site(propertyName(node.key, node.computed), node.value, 'named');
    case AST_NODE_TYPES.AssignmentPattern:
      return node.left.type === AST_NODE_TYPES.Identifier ? site(node.left.name, node.right, 'named') : [];
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['===', '==', '!==', '!='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return [];
      const leftName = memberPath(node.left)?.at(-1);
      const rightName = memberPath(node.right)?.at(-1);
      return [...site(leftName, node.right, 'compared'), ...site(rightName, node.left, 'compared')];
    }
    case AST_NODE_TYPES.CallExpression:
      return callSites(node, imports, site);
    default:
      return [];
  }
}

function callSites(call: TSESTree.CallExpression, imports: ReturnType<typeof collectImports>, site: SiteMaker): ValueSite[] {
  const path = memberPath(call.callee);
  const method = path?.[path.length - 1];
  const [first, second] = call.arguments;
  if (path === undefined || method === undefined || !first) return [];
  const written = `${path.join('.')}()`;
  // `sgMail.setApiKey('…')`, `client.withToken('…')`, `useCredentials('…')`.
  const setter = /^(set|with|use)([A-Z].*)$/.exec(method);
  if (setter && classifySecretName(setter[2] ?? '')) return site(setter[2], first, 'named', path[path.length - 2], written);
  // `res.setHeader('Authorization', …)`, `headers.set('X-Api-Key', …)`.
  if (HEADER_SETTERS.has(method) && second) {
    const header = foldString(first, { constants: new Map() });
    return site(header, second, 'named', undefined, header === undefined ? undefined : `the ${header} header`);
  }
  // `jwt.sign(payload, 'secret')`, `crypto.createHmac('sha256', 'key')`: the second argument is
  // the signing or encryption key.
  const callee = resolveCallee(call.callee, imports);
  if (callee && second) {
    if (callee.module === 'jsonwebtoken' && (callee.name === 'sign' || callee.name === 'verify')) {
      return site('jwtSecret', second, 'named', undefined, `the key of ${written}`);
    }
    if (callee.module === 'crypto' && ['createHmac', 'createCipheriv', 'createDecipheriv'].includes(callee.name)) {
      const name = callee.name === 'createHmac' ? 'hmacSecret' : 'encryptionSecret';
      return site(name, second, 'named', undefined, `the key of ${written}`);
    }
  }
  return [];
}

/** `process.env.X || 'fallback'`, `config.key ?? 'fallback'`: the hardcoded fallback. */
function fallbackOf(value: TSESTree.Node): TSESTree.Node | undefined {
  const current = unwrap(value);
  if (current.type !== AST_NODE_TYPES.LogicalExpression || (current.operator !== '||' && current.operator !== '??')) return undefined;
  return current.right;
}

/** `headers['Authorization']`: a computed member whose key is a string literal. */
function computedMemberPath(node: TSESTree.Node): string[] | undefined {
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(current.property, current.computed);
  return name === undefined ? undefined : [name];
}

/** The name an object literal is assigned to (given its parent): `const db = { … }`, `{ db: { … } }`. */
function enclosingName(parent: TSESTree.Node | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.Property) return propertyName(parent.key, parent.computed);
  return undefined;
}

/** `password` under `db` → `DB_PASSWORD`; a name of several words stays as it is. */
function environmentNameFor(name: string, qualifier: string | undefined): string {
  if (nameWords(name).length > 1 || qualifier === undefined || nameWords(qualifier).length === 0) return toEnvironmentName(name);
  return toEnvironmentName(`${qualifier}_${name}`);
}

/** A string literal, or a template literal without substitutions. */
function plainLiteral(node: TSESTree.Node): TSESTree.Literal | TSESTree.TemplateLiteral | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node;
  return undefined;
}

/** The text inside a plain literal's quotes; the whole expression for anything built. */
function valueRange(node: TSESTree.Node, text: string): Range {
  const literal = plainLiteral(node);
  if (literal) {
    const [start, end] = literal.range;
    // A string literal always has its quotes at both ends.
    if (end - start >= 2 && /['"`]/.test(text[start] ?? '')) return { start: start + 1, end: end - 1 };
  }
  return { start: node.range[0], end: node.range[1] };
}

/** A string-valued expression that is not part of a bigger one folding would look into. */
function isOutermostStringExpression(node: TSESTree.Node, parent: TSESTree.Node | undefined): boolean {
  const isString =
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') ||
    node.type === AST_NODE_TYPES.CallExpression;
  if (!isString) return false;
  if (!parent) return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') return false;
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
    const callee = memberPath(parent.callee)?.join('.');
    if (callee === 'btoa' || callee === 'Buffer.from') return false;
  }
  // `Buffer.from(…)` is the object of `.toString('base64')`; the outer call is the expression.
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return false;
  // Property keys and import sources are names, not values.
  if (parent.type === AST_NODE_TYPES.Property && parent.key === node) return false;
  return !(parent.type === AST_NODE_TYPES.ImportDeclaration || parent.type === AST_NODE_TYPES.ExportAllDeclaration || parent.type === AST_NODE_TYPES.ExportNamedDeclaration);
}

/** Every string literal of a file (plain literals and template literals without substitutions). */
function stringLiterals(program: TSESTree.Program): (TSESTree.Literal | TSESTree.TemplateLiteral)[] {
  const literals: (TSESTree.Literal | TSESTree.TemplateLiteral)[] = [];
  walk(program, (node) => {
    const literal = plainLiteral(node);
    if (literal) literals.push(literal);
  });
  return literals;
}

/** The literal a pattern match sits in, with the environment variable its value should come from. */
function literalAround(
  literals: readonly (TSESTree.Literal | TSESTree.TemplateLiteral)[],
  match: PatternMatch,
  text: string,
  parents: Parents,
): SecretLiteral | undefined {
  const node = literals.find((literal) => literal.range[0] < match.range.start && match.range.end < literal.range[1]);
  if (!node) return undefined;
  const inner = valueRange(node, text);
  if (inner.start > match.range.start || inner.end < match.range.end) return undefined;
  const parent = parents.get(node);
  const name = literalName(node, parent);
  const useName = name !== undefined && classifySecretName(name) !== undefined && nameWords(name).length > 1;
  return { node, parent, environmentName: useName ? toEnvironmentName(name) : match.pattern.environmentName };
}

/** The variable, property or member a literal is assigned to. */
function literalName(node: TSESTree.Node, parent: TSESTree.Node | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node) return propertyName(parent.key, parent.computed);
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return memberPath(parent.left)?.at(-1);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML and JSON keys

function documentSecrets(file: SourceFile, model: ProjectModel): SecretFinding[] {
  if (file.language !== 'yaml' && file.language !== 'json') return [];
  // Environment blocks belong to `template-environment`, whatever it decides about them.
  const environmentValues = new Set(environmentEntries(file, model).map((entry) => entry.value));
  const findings: SecretFinding[] = [];
  for (const document of file.documents) {
    visitEntries(document, [], (key, value, path) => {
      if (!isScalar(value) || value.value === null || typeof value.value === 'boolean' || environmentValues.has(value)) return;
      const name = namedBy(path, document);
      const classification = name === undefined ? undefined : classifySecretName(name);
      if (!classification || (typeof value.value === 'number' && classification.tier !== 'chosen')) return;
      const secret = judgeNamedValue(classification, String(value.value));
      if (secret === undefined) return;
      findings.push({
        category: 'generic',
        range: contentRange(file.text, value),
        secret,
        kind: withArticle(classification.label),
        name,
        shape: 'named',
        documentValue: { key, value, path },
      });
    });
  }
  return findings;
}

/**
 * The name a value is known by: its key, except for a CloudFormation parameter's `Default`, which
 * is the default of the parameter it sits in (`Parameters.DbPassword.Default`).
 */
function namedBy(path: readonly string[], root: DocNode): string | undefined {
  const key = path[path.length - 1];
  if (key === 'Default' && path.length === 3 && path[0] === 'Parameters' && isMap(get(root, 'Parameters'))) return path[1];
  return key;
}

function visitEntries(node: DocNode, path: string[], visit: (key: ScalarNode, value: DocNode, path: string[]) => void): void {
  if (node.type === 'map') {
    for (const entry of node.entries) {
      const key = entry.key.value;
      if (typeof key !== 'string') continue;
      const next = [...path, key];
      visit(entry.key, entry.value, next);
      visitEntries(entry.value, next, visit);
    }
  } else if (node.type === 'seq') {
    for (const item of node.items) visitEntries(item, path, visit);
  }
}

/** A scalar's text without its quotes; block scalars and plain scalars as they are. */
export function contentRange(text: string, node: ScalarNode): Range {
  const { start, end } = node.range;
  const first = text[start];
  if (node.quoted && end - start >= 2 && (first === '"' || first === "'") && text[end - 1] === first) return { start: start + 1, end: end - 1 };
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// .env files

function isDotenv(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name.startsWith('.env') || name.endsWith('.env');
}

/** `NAME=value`, `NAME="value"  # comment`, once indentation and `export ` are stripped. */
export const DOTENV_LINE = /^([A-Za-z_][A-Za-z0-9_.-]{0,200})[ \t]*=[ \t]*(.*)$/;

function dotenvSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/\r?\n$/, '');
    const indented = body.replace(/^[ \t]+/, '');
    const match = DOTENV_LINE.exec(/^export[ \t]/.test(indented) ? indented.slice('export'.length).replace(/^[ \t]+/, '') : indented);
    if (match) {
      const name = match[1] ?? '';
      const raw = match[2] ?? '';
      const valueStart = offset + body.length - raw.length;
      const value = dotenvValue(raw);
      const classification = classifySecretName(name);
      const secret = classification ? judgeNamedValue(classification, value.text) : undefined;
      if (classification && secret !== undefined) {
        findings.push({
          category: 'generic',
          range: { start: valueStart + value.start, end: valueStart + value.start + value.text.length },
          secret,
          kind: withArticle(classification.label),
          name,
          shape: 'named',
        });
      }
    }
    offset += line.length;
  }
  return findings;
}

/** A dotenv value without quotes or a trailing comment, and where it starts in the raw text. */
function dotenvValue(raw: string): { text: string; start: number } {
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.indexOf(quote, 1) > 0) return { text: raw.slice(1, raw.indexOf(quote, 1)), start: 1 };
  const comment = raw.search(/[ \t]#/);
  return { text: (comment < 0 ? raw : raw.slice(0, comment)).trimEnd(), start: 0 };
}

/** `password` → `a password`, `API key` → `an API key`. */
export function withArticle(label: string): string {
  return /^[aeiouAEIO]/.test(label) ? `an ${label}` : `a ${label}`;
}

/** `an RSA private key` → `An RSA private key`, for the start of a message. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
