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
import { memberPath, propertyName, unwrap } from '../estree';
import { collectImports, resolveCallee, type ImportBindings } from '../imports';
import { isLockfile, looksMinified } from './files';
import { collectConstants, foldString, type FoldScope } from './fold';
import { judgeAuthorization, judgeNamedValue } from './judge';
import { classifySecretName, nameWords, toEnvironmentName, type SecretName } from './names';
import { pemEndMarker, scanPatterns, type PatternMatch, type SecretPattern } from './patterns';
import { SpanSet } from './spans';
import { indexTree, parentAt, parentOf, type TreeIndex } from './tree';
import { isReference } from './values';

/** The package exports its node types through a getter; the analysis reads them for every node. */
const NodeType = AST_NODE_TYPES;

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

const cache = new WeakMap<SourceFile, { model: ProjectModel | undefined; findings: SecretFinding[] }>();

/**
 * Every secret of a file, each span once, in position order. Cached per parsed file, and per model
 * for templates: the secrets of code and `.env` files do not depend on the model.
 */
export function detectSecrets(file: SourceFile, model: ProjectModel): SecretFinding[] {
  const cached = cache.get(file);
  const key = isDocument(file) ? model : undefined;
  if (cached && cached.model === key) return cached.findings;
  const findings = isLockfile(file.path) || file.parseError ? [] : detect(file, model);
  cache.set(file, { model: key, findings });
  return findings;
}

function isDocument(file: SourceFile): boolean {
  return file.language === 'yaml' || file.language === 'json';
}

function detect(file: SourceFile, model: ProjectModel): SecretFinding[] {
  // Ranges already reported by a rule of higher precedence.
  const claimed = new SpanSet();
  const findings: SecretFinding[] = [];
  const accept = (finding: SecretFinding, claim: Range = finding.range): void => {
    if (!claimed.claim(claim)) return;
    findings.push(finding);
  };
  const matches = scanPatterns(file.text);
  const program = file.language === 'javascript' ? file.ast : undefined;
  const tree = program ? indexTree(program) : undefined;
  // Only needed to place a provider token or JWT found in code.
  let literals: StringLiteral[] | undefined;

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
      const literal = tree ? literalAround(tree, (literals ??= stringLiterals(tree)), match, file.text) : undefined;
      if (literal) finding.literal = literal;
      accept(finding);
    }
  }

  if (!looksMinified(file.path, file.text)) {
    for (const finding of genericSecrets(file, model, tree)) accept(finding);
  }
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
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

/** The candidate starting nearest to `range` (the first of two as near), candidates in position order. */
function nearestMatch(candidates: readonly PatternMatch[], range: Range): PatternMatch | undefined {
  const after = firstStartingAt(candidates, range.start);
  const before = candidates[after - 1];
  const next = candidates[after];
  if (!before || !next) return before ?? next;
  return range.start - before.range.start <= next.range.start - range.start ? before : next;
}

/** The index of the first match starting at or after `offset`, matches in position order. */
function firstStartingAt(matches: readonly PatternMatch[], offset: number): number {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (matches[middle]!.range.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first match of `owner` lying inside `range`, matches in position order. */
function matchInside(matches: readonly PatternMatch[], range: Range, owner: PatternMatch['pattern']['owner']): PatternMatch | undefined {
  for (let i = firstStartingAt(matches, range.start); i < matches.length; i++) {
    const match = matches[i]!;
    if (match.range.start >= range.end) break;
    if (match.pattern.owner === owner && match.range.end <= range.end) return match;
  }
  return undefined;
}

function lineEnd(text: string, offset: number): number {
  const breaks = /[\r\n]/g;
  breaks.lastIndex = offset;
  const next = breaks.exec(text);
  return next ? next.index : text.length;
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
  const inside = matchInside(matches, node.range, 'provider-token');
  if (inside) return { ...base, kind: inside.pattern.kind, pattern: inside.pattern };
  // A connection string counts when a credential pattern matched in it (above), not for its
  // name alone: many hold no password (integrated security, managed identity, the emulator).
  const name = classifySecretName(entry.name);
  if (!name || (typeof node.value === 'number' && name.tier !== 'chosen')) return undefined;
  if (judgeNamedValue(name, value) === undefined) return undefined;
  const jwt = matchInside(matches, node.range, 'jwt');
  return { ...base, kind: jwt ? jwt.pattern.kind : withArticle(name.label) };
}

// ---------------------------------------------------------------------------------------------
// Generic secrets

function genericSecrets(file: SourceFile, model: ProjectModel, tree: TreeIndex | undefined): SecretFinding[] {
  switch (file.language) {
    case 'javascript':
      return tree ? javaScriptSecrets(tree, file.text) : [];
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

function javaScriptSecrets(tree: TreeIndex, text: string): SecretFinding[] {
  const constants = collectConstants(tree.nodes);
  const imports = lazyImports(tree);
  const sites: ValueSite[] = [];
  for (let i = 0; i < tree.nodes.length; i++) {
    const found = valueSites(tree, i, imports);
    for (let j = 0; j < found.length; j++) sites.push(found[j]!);
  }

  // Consts reported under their own name are not folded into other values: one secret, one finding.
  const blocked = new Set<string>();
  for (const site of sites) {
    if (site.declared === undefined) continue;
    const folded = foldString(site.value, { constants });
    if (folded !== undefined && judgeNamedValue(site.classification, folded) !== undefined) blocked.add(site.declared);
  }
  const scope: FoldScope = { constants, blocked };

  const findings: SecretFinding[] = [];
  const reported = new SpanSet();
  for (const site of sites) {
    // A bare identifier is reported where it is declared.
    if (unwrap(site.value).type === NodeType.Identifier) continue;
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
    if (literal && site.shape === 'named') finding.literal = { node: literal, parent: parentOf(tree, literal), environmentName: site.environmentName };
    findings.push(finding);
    reported.add(range);
  }

  // Authorization values built from constants anywhere, named or not: `'Basic ' + btoa('u:p')`.
  for (let i = 0; i < tree.nodes.length; i++) {
    const node = tree.nodes[i]!;
    if (!isOutermostStringExpression(node, parentAt(tree, i))) continue;
    const range = valueRange(node, text);
    if (reported.overlaps(range)) continue;
    const folded = foldString(node, scope);
    const authorization = folded === undefined ? undefined : judgeAuthorization(folded);
    if (folded === undefined || !authorization) continue;
    findings.push({
      category: 'generic',
      range,
      secret: folded,
      kind: authorization.scheme.toLowerCase() === 'basic' ? 'a Basic authorization credential' : `a ${authorization.scheme} token`,
      shape: 'authorization',
    });
    reported.add(range);
  }
  return findings;
}

/**
 * The import bindings of a file, collected when first asked for. Only calls into `jsonwebtoken` and
 * `crypto` are resolved, and a file can only bind those when it names one of them in a string.
 */
function lazyImports(tree: TreeIndex): () => ImportBindings | undefined {
  let imports: ImportBindings | undefined;
  let known = false;
  return () => {
    if (known) return imports;
    known = true;
    const program = tree.nodes[0];
    if (program?.type === NodeType.Program && namesKeyModule(tree)) imports = collectImports(program);
    return imports;
  };
}

function namesKeyModule(tree: TreeIndex): boolean {
  for (const node of tree.nodes) {
    if (node.type === NodeType.Literal && typeof node.value === 'string' && KEY_MODULES.has(node.value)) return true;
  }
  return false;
}

/** The modules whose calls take a key `callSites` reports, as a file may name them. */
const KEY_MODULES: ReadonlySet<string> = new Set(['jsonwebtoken', 'node:jsonwebtoken', 'crypto', 'node:crypto']);

/** The named value sites a node creates. */
type SiteMaker = (
  name: string | undefined,
  value: TSESTree.Node | null | undefined,
  shape: GenericShape,
  qualifier?: string,
  display?: string,
) => ValueSite[];

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

const NO_SITES: readonly ValueSite[] = [];

/** The sites of the node at `position` in the tree. */
function valueSites(tree: TreeIndex, position: number, imports: () => ImportBindings | undefined): readonly ValueSite[] {
  const node = tree.nodes[position]!;
  switch (node.type) {
    case NodeType.VariableDeclarator: {
      if (node.id.type !== NodeType.Identifier) return [];
      const declared = node.id.name;
      return site(declared, node.init, 'named').map((found) => (found.shape === 'named' ? { ...found, declared } : found));
    }
    case NodeType.AssignmentExpression: {
      if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return [];
      const path = memberPath(node.left) ?? computedMemberPath(node.left);
      return site(path?.[path.length - 1], node.right, 'named', path?.[path.length - 2]);
    }
    case NodeType.Property: {
      // Typescript-estree's `parse` sets no parent links: the tree index has them.
      const object = parentAt(tree, position);
      if (object?.type !== NodeType.ObjectExpression || node.shorthand || node.kind !== 'init') return [];
      return site(propertyName(node.key, node.computed), node.value, 'named', enclosingName(parentAt(tree, tree.parents[position] ?? -1)));
    }
    case NodeType.PropertyDefinition:
      return site(propertyName(node.key, node.computed), node.value, 'named');
    case NodeType.AssignmentPattern:
      return node.left.type === NodeType.Identifier ? site(node.left.name, node.right, 'named') : [];
    case NodeType.BinaryExpression: {
      if (!['===', '==', '!==', '!='].includes(node.operator) || node.left.type === NodeType.PrivateIdentifier) return [];
      const leftName = memberPath(node.left)?.at(-1);
      const rightName = memberPath(node.right)?.at(-1);
      return [...site(leftName, node.right, 'compared'), ...site(rightName, node.left, 'compared')];
    }
    case NodeType.CallExpression:
      return callSites(node, imports, site);
    default:
      return NO_SITES;
  }
}

function callSites(call: TSESTree.CallExpression, imports: () => ImportBindings | undefined, site: SiteMaker): readonly ValueSite[] {
  const path = memberPath(call.callee);
  const method = path?.[path.length - 1];
  const [first, second] = call.arguments;
  if (path === undefined || method === undefined || !first) return NO_SITES;
  const written = (): string => `${path.join('.')}()`;
  // `sgMail.setApiKey('…')`, `client.withToken('…')`, `useCredentials('…')`.
  const setter = /^(set|with|use)([A-Z].*)$/.exec(method);
  if (setter && classifySecretName(setter[2] ?? '')) return site(setter[2], first, 'named', path[path.length - 2], written());
  // `res.setHeader('Authorization', …)`, `headers.set('X-Api-Key', …)`.
  if (HEADER_SETTERS.has(method) && second) {
    const header = foldString(first, { constants: new Map() });
    return site(header, second, 'named', undefined, header === undefined ? undefined : `the ${header} header`);
  }
  // `jwt.sign(payload, 'secret')`, `crypto.createHmac('sha256', 'key')`: the second argument is
  // the signing or encryption key.
  const bindings = second ? imports() : undefined;
  const callee = bindings ? resolveCallee(call.callee, bindings) : undefined;
  if (callee && second) {
    if (callee.module === 'jsonwebtoken' && (callee.name === 'sign' || callee.name === 'verify')) {
      return site('jwtSecret', second, 'named', undefined, `the key of ${written()}`);
    }
    if (callee.module === 'crypto' && ['createHmac', 'createCipheriv', 'createDecipheriv'].includes(callee.name)) {
      const name = callee.name === 'createHmac' ? 'hmacSecret' : 'encryptionSecret';
      return site(name, second, 'named', undefined, `the key of ${written()}`);
    }
  }
  return NO_SITES;
}

/** `process.env.X || 'fallback'`, `config.key ?? 'fallback'`: the hardcoded fallback. */
function fallbackOf(value: TSESTree.Node): TSESTree.Node | undefined {
  const current = unwrap(value);
  if (current.type !== NodeType.LogicalExpression || (current.operator !== '||' && current.operator !== '??')) return undefined;
  return current.right;
}

/** `headers['Authorization']`: a computed member whose key is a string literal. */
function computedMemberPath(node: TSESTree.Node): string[] | undefined {
  const current = unwrap(node);
  if (current.type !== NodeType.MemberExpression) return undefined;
  const name = propertyName(current.property, current.computed);
  return name === undefined ? undefined : [name];
}

/** The name an object literal is assigned to (given its parent): `const db = { … }`, `{ db: { … } }`. */
function enclosingName(parent: TSESTree.Node | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.type === NodeType.VariableDeclarator && parent.id.type === NodeType.Identifier) return parent.id.name;
  if (parent.type === NodeType.Property) return propertyName(parent.key, parent.computed);
  return undefined;
}

/** `password` under `db` → `DB_PASSWORD`; a name of several words stays as it is. */
function environmentNameFor(name: string, qualifier: string | undefined): string {
  if (nameWords(name).length > 1 || qualifier === undefined || nameWords(qualifier).length === 0) return toEnvironmentName(name);
  return toEnvironmentName(`${qualifier}_${name}`);
}

/** A string literal, or a template literal without substitutions. */
function plainLiteral(node: TSESTree.Node): TSESTree.Literal | TSESTree.TemplateLiteral | undefined {
  if (node.type === NodeType.Literal && typeof node.value === 'string') return node;
  if (node.type === NodeType.TemplateLiteral && node.expressions.length === 0) return node;
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
    (node.type === NodeType.Literal && typeof node.value === 'string') ||
    node.type === NodeType.TemplateLiteral ||
    (node.type === NodeType.BinaryExpression && node.operator === '+') ||
    node.type === NodeType.CallExpression;
  if (!isString) return false;
  if (!parent) return true;
  if (parent.type === NodeType.BinaryExpression && parent.operator === '+') return false;
  if (parent.type === NodeType.TemplateLiteral) return false;
  if (parent.type === NodeType.CallExpression && parent.callee !== node) {
    const callee = memberPath(parent.callee)?.join('.');
    if (callee === 'btoa' || callee === 'Buffer.from') return false;
  }
  // `Buffer.from(…)` is the object of `.toString('base64')`; the outer call is the expression.
  if (parent.type === NodeType.MemberExpression && parent.object === node) return false;
  // Property keys and import sources are names, not values.
  if (parent.type === NodeType.Property && parent.key === node) return false;
  return !(parent.type === NodeType.ImportDeclaration || parent.type === NodeType.ExportAllDeclaration || parent.type === NodeType.ExportNamedDeclaration);
}

/**
 * Every string literal of a file (plain literals and template literals without substitutions), in
 * position order. They never contain one another.
 */
function stringLiterals(tree: TreeIndex): StringLiteral[] {
  const literals: StringLiteral[] = [];
  for (let position = 0; position < tree.nodes.length; position++) {
    const literal = plainLiteral(tree.nodes[position]!);
    if (literal) literals.push({ node: literal, position });
  }
  return literals.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

interface StringLiteral {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  /** Where it is in the tree index. */
  position: number;
}

/** The literal a pattern match sits in, with the environment variable its value should come from. */
function literalAround(
  tree: TreeIndex,
  literals: readonly StringLiteral[],
  match: PatternMatch,
  text: string,
): SecretLiteral | undefined {
  // The last literal starting before the match is the only one that can hold it.
  let low = 0;
  let high = literals.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (literals[middle]!.node.range[0] < match.range.start) low = middle + 1;
    else high = middle;
  }
  const found = literals[low - 1];
  if (!found || match.range.end >= found.node.range[1]) return undefined;
  const node = found.node;
  const inner = valueRange(node, text);
  if (inner.start > match.range.start || inner.end < match.range.end) return undefined;
  const parent = parentAt(tree, found.position);
  const name = literalName(node, parent);
  const useName = name !== undefined && classifySecretName(name) !== undefined && nameWords(name).length > 1;
  return { node, parent, environmentName: useName ? toEnvironmentName(name) : match.pattern.environmentName };
}

/** The variable, property or member a literal is assigned to. */
function literalName(node: TSESTree.Node, parent: TSESTree.Node | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.type === NodeType.VariableDeclarator && parent.id.type === NodeType.Identifier) return parent.id.name;
  if (parent.type === NodeType.Property && parent.value === node) return propertyName(parent.key, parent.computed);
  if (parent.type === NodeType.AssignmentExpression) return memberPath(parent.left)?.at(-1);
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
