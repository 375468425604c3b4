/**
 * Facts about the template being edited that completions draw on: its format, its resources,
 * its functions and the authorizers it defines. They come from the parsed tree when the text
 * parses; while the user types it usually does not, so the line being edited is blanked and the
 * rest parsed again (YAML), or jsonc-parser's recovered tree is used (JSON).
 */
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Project } from '../engine/project';
import type { FilePath } from '../engine/types';
import { isAzureFunction } from '../model/azure';
import { isCloudFormationTemplate, resourcesOf } from '../model/cloudformation';
import { baseName } from '../model/handlers';
import { isIamPolicyFile } from '../model/iam-policy';
import { isSamTemplate } from '../model/sam';
import { isServerlessService } from '../model/serverless';
import type { TemplateFormat } from '../model/types';
import { asList, get, getPath, isMap, type DocNode, type MapEntry } from '../parse/document';
import { parseSourceFile } from '../parse/index';
import { isDocumentFile } from '../parse/source-file';

export interface AssistInput {
  /** The engine path of the document (its extension decides the language). */
  path: FilePath;
  /** The document's current text. */
  text: string;
  /** The cursor, as a UTF-16 offset into `text`. */
  offset: number;
  /** The project the document belongs to, whose cached parse is used when its text is current. */
  project?: Project;
}

export interface TemplateResource {
  logicalId: string;
  type: string;
  properties?: DocNode;
}

/** What the rest of the template says, computed once per request and only when asked. */
export class TemplateFacts {
  private rootCache: DocNode | undefined | null = null;

  constructor(private readonly input: AssistInput) {}

  /** The document holding the cursor, parsed as well as the text allows. */
  get root(): DocNode | undefined {
    if (this.rootCache === null) this.rootCache = readRoot(this.input);
    return this.rootCache;
  }

  /**
   * Recognised the way the project model recognises templates, from this document alone: the
   * model would re-read every template of the workspace on each keystroke.
   */
  get format(): TemplateFormat | undefined {
    const { path, text } = this.input;
    const root = this.root;
    if (root && isMap(root)) {
      if (isServerlessService(path, root)) return 'serverless';
      if (isAzureFunction(path, root)) return 'azure-function';
      if (isSamTemplate(root)) return 'sam';
      if (isCloudFormationTemplate(root)) return 'cloudformation';
      if (isIamPolicyFile(root)) return 'iam-policy';
    }
    return formatFromText(path, text);
  }

  /** Resources the template defines (serverless: under `resources.Resources`). */
  resources(): TemplateResource[] {
    const root = this.root;
    const blocks = this.format === 'serverless' ? asList(get(root, 'resources')).map((block) => get(block, 'Resources')) : [get(root, 'Resources')];
    return blocks.flatMap((block) =>
      resourcesOf(block).map((resource) => ({
        logicalId: resource.logicalId,
        type: resource.type,
        ...(resource.properties ? { properties: resource.properties } : {}),
      })),
    );
  }

  /** The function names of a serverless service. */
  serverlessFunctions(): string[] {
    return keysOf(get(this.root, 'functions'));
  }

  /** The authorizers of a serverless service's HTTP API (`provider.httpApi.authorizers`). */
  httpApiAuthorizers(): string[] {
    return keysOf(getPath(this.root, 'provider', 'httpApi', 'authorizers'));
  }

  /**
   * The authorizers SAM APIs define (`Auth.Authorizers` of each `AWS::Serverless::Api` or
   * `HttpApi`, and of `Globals`), for REST (`Api`) or HTTP (`HttpApi`) APIs.
   */
  samAuthorizers(kind: 'Api' | 'HttpApi'): string[] {
    const type = `AWS::Serverless::${kind}`;
    const names = new Set(keysOf(getPath(this.root, 'Globals', kind, 'Auth', 'Authorizers')));
    for (const resource of this.resources()) {
      if (resource.type !== type) continue;
      for (const name of keysOf(getPath(resource.properties, 'Auth', 'Authorizers'))) names.add(name);
    }
    return [...names];
  }
}

function keysOf(node: DocNode | undefined): string[] {
  if (!isMap(node)) return [];
  return node.entries.flatMap((entry: MapEntry) => (typeof entry.key.value === 'string' ? [entry.key.value] : []));
}

function readRoot(input: AssistInput): DocNode | undefined {
  const { path, text, offset, project } = input;
  const cached = project && project.text(path) === text ? project.sourceFile(path) : undefined;
  const parsed = cached ?? parseSourceFile(path, text);
  if (!isDocumentFile(parsed)) return undefined;
  if (!parsed.parseError) return documentAt(parsed.documents, offset);
  if (parsed.language === 'json') return recoveredJson(text);
  // The line being typed is what usually breaks the YAML; spaces keep every other offset.
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const newline = text.slice(offset).search(/[\r\n]/);
  const end = newline < 0 ? text.length : offset + newline;
  const blanked = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  const repaired = parseSourceFile(path, blanked);
  return isDocumentFile(repaired) && !repaired.parseError ? documentAt(repaired.documents, offset) : undefined;
}

/** In a multi-document YAML file, the document around the offset (or the first). */
function documentAt(documents: readonly DocNode[], offset: number): DocNode | undefined {
  let found = documents[0];
  for (const document of documents) if (document.range.start <= offset) found = document;
  return found;
}

/** jsonc-parser's best-effort tree of broken JSON, in the engine's tree shape. */
function recoveredJson(text: string): DocNode | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return root ? fromJson(root, 0) : undefined;
}

function fromJson(node: JsonNode, depth: number): DocNode {
  const range = { start: node.offset, end: node.offset + node.length };
  if (depth > 64) return { type: 'scalar', value: null, quoted: false, range };
  if (node.type === 'object') {
    const entries: MapEntry[] = [];
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      entries.push({
        key: { type: 'scalar', value: String(key.value), quoted: true, range: { start: key.offset, end: key.offset + key.length } },
        value: fromJson(value, depth + 1),
      });
    }
    return { type: 'map', entries, range };
  }
  if (node.type === 'array') return { type: 'seq', items: (node.children ?? []).map((child) => fromJson(child, depth + 1)), range };
  const value: unknown = node.value;
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { type: 'scalar', value: scalar, quoted: node.type === 'string', range };
}

/** The format by name and telltale text, for a document too broken to parse at all. */
function formatFromText(path: FilePath, text: string): TemplateFormat | undefined {
  const name = baseName(path).toLowerCase();
  if (/^serverless\.(ya?ml|json)$/.test(name)) return 'serverless';
  if (name === 'function.json') return 'azure-function';
  if (/["']?Transform["']?\s*:\s*["']?AWS::Serverless-/.test(text)) return 'sam';
  if (/["']?AWSTemplateFormatVersion["']?\s*:/.test(text) || /^["']?Resources["']?\s*:/m.test(text)) return 'cloudformation';
  if (/"Statement"\s*:/.test(text)) return 'iam-policy';
  return undefined;
}

