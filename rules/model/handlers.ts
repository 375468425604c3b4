/**
 * Handler path resolution shared by the template loaders.
 *
 * Paths are project paths as the caller gave them (POSIX separators, relative to the scan root or
 * absolute). Resolution only joins and normalises: a handler written as `../shared/x.handler` may
 * point outside the template's folder, and that is what it then names — we never clamp it to a
 * root, because clamping would silently link the function to a different file.
 */
import * as posix from 'node:path/posix';
import type { FilePath } from '../engine/types';
import type { ScalarNode } from '../parse/document';
import type { HandlerReference } from './types';

/** The extensions a Node.js handler module may have, in the order Lambda and bundlers try them. */
export const HANDLER_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** The folder of a project path (`.` for a file at the root). */
export function folderOf(file: FilePath): FilePath {
  return posix.dirname(file);
}

/** The last path segment. */
export function baseName(file: FilePath): string {
  return posix.basename(file);
}

/**
 * Joins a path written in a template to the folder it is relative to, and normalises it.
 * Backslashes are read as separators: Windows users write them in `CodeUri` and `scriptFile`.
 */
export function resolvePath(folder: FilePath, written: string): FilePath {
  const relative = written.replace(/\\/g, '/');
  const joined = relative.startsWith('/') ? relative : posix.join(folder, relative);
  const normalised = posix.normalize(joined);
  // A trailing slash (a folder written as `hello-world/`) is not part of a file path.
  return normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised;
}

/** Serverless variables (`${self:…}`) and `Fn::Sub` placeholders: a value we must not resolve. */
export function isSymbolic(value: string): boolean {
  return value.includes('${');
}

/**
 * Runtimes whose handlers are not JavaScript: their `module.function` handlers must not be
 * linked to a `.js` file that happens to share the module name. Unknown or symbolic runtimes
 * count as Node.js, the default of every format we read.
 */
export function isNodeRuntime(runtime: string | undefined): boolean {
  if (runtime === undefined || isSymbolic(runtime)) return true;
  return runtime.toLowerCase().startsWith('nodejs');
}

/** Splits `src/upload.handler` at the last dot of the last segment: module and export. */
export function splitHandler(value: string): { modulePath: string; exportName?: string } {
  const normalised = value.replace(/\\/g, '/');
  const dot = normalised.lastIndexOf('.');
  if (dot <= normalised.lastIndexOf('/')) return { modulePath: normalised };
  const exportName = normalised.slice(dot + 1);
  return exportName === ''
    ? { modulePath: normalised.slice(0, dot) }
    : { modulePath: normalised.slice(0, dot), exportName };
}

/** The first candidate that is a file of the project. */
export function firstExisting(candidates: readonly FilePath[], paths: ReadonlySet<FilePath>): FilePath | undefined {
  return candidates.find((candidate) => paths.has(candidate));
}

export interface LambdaHandlerInput {
  /** The handler as written: `src/upload.handler`, `app.lambdaHandler`. */
  value: string;
  node?: ScalarNode;
  /** The folder the handler module is relative to; undefined when the code is not in the project. */
  codeFolder: FilePath | undefined;
  runtime?: string;
  /** Entry files named by the build (SAM esbuild `EntryPoints`), relative to `codeFolder`. */
  entryPoints?: readonly string[];
  paths: ReadonlySet<FilePath>;
}

/**
 * A `module.export` handler (Serverless Framework, SAM, CloudFormation): the module with each
 * Node.js extension, relative to the code folder. Symbolic handlers and non-Node runtimes get no
 * candidates: guessing would link the function to the wrong file.
 */
export function lambdaHandler(input: LambdaHandlerInput): HandlerReference {
  const { modulePath, exportName } = splitHandler(input.value);
  const candidates: FilePath[] = [];
  if (input.codeFolder !== undefined && !isSymbolic(input.value) && isNodeRuntime(input.runtime)) {
    const folder = input.codeFolder;
    const moduleName = baseName(modulePath);
    // An esbuild entry point is the source the bundle's module was built from; the one whose
    // name matches the handler's module is the handler, the others are only fallbacks.
    const entries = (input.entryPoints ?? []).filter((entry) => !isSymbolic(entry)).map((entry) => resolvePath(folder, entry));
    const stem = (file: FilePath): string => baseName(file).replace(/\.[^.]*$/, '');
    candidates.push(...entries.filter((entry) => stem(entry) === moduleName));
    for (const extension of HANDLER_EXTENSIONS) candidates.push(resolvePath(folder, modulePath + extension));
    candidates.push(...entries.filter((entry) => stem(entry) !== moduleName));
  }
  return handlerReference(input.value, input.node, dedupe(candidates), input.paths, exportName);
}

/** Builds the reference and picks the first candidate that exists. */
export function handlerReference(
  value: string,
  node: ScalarNode | undefined,
  candidates: FilePath[],
  paths: ReadonlySet<FilePath>,
  exportName: string | undefined,
): HandlerReference {
  const reference: HandlerReference = { value, candidates };
  if (node) reference.node = node;
  const file = firstExisting(candidates, paths);
  if (file !== undefined) reference.file = file;
  if (exportName !== undefined) reference.exportName = exportName;
  return reference;
}

function dedupe(paths: FilePath[]): FilePath[] {
  return [...new Set(paths)];
}
