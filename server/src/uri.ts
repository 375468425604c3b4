/**
 * The one place where LSP document URIs and engine paths meet. The engine works on absolute POSIX
 * paths; the client speaks URIs. `file:` URIs map to their path; other schemes (an unsaved
 * `untitled:` buffer) get a synthetic path whose extension tells the engine the language, so an
 * unsaved handler is still analysed on its own.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toPosix } from '../../host/discover';

/** The folder synthetic paths live under; nothing on disk is ever looked up there. */
export const VIRTUAL_ROOT = '/__serverless-security-lint-virtual__';

/** The extension the engine needs to read a buffer of this language. */
const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
  yaml: '.yml',
  json: '.json',
  jsonc: '.json',
};

/** The path of a `file:` URI; undefined for other schemes or a malformed URI. */
export function fileUriToPath(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'file:') return undefined;
  try {
    return toPosix(fileURLToPath(url));
  } catch {
    // fileURLToPath rejects URIs with a host on POSIX or an encoded separator; we cannot analyse those.
    return undefined;
  }
}

/**
 * The engine path of an open document: its file path, or a synthetic path for other schemes.
 * Undefined when the engine has nothing to say about the document (unknown language, bad URI).
 */
export function documentPath(uri: string, languageId: string): string | undefined {
  const filePath = fileUriToPath(uri);
  if (filePath !== undefined) return filePath;
  const extension = EXTENSION_BY_LANGUAGE[languageId];
  if (extension === undefined) return undefined;
  return `${VIRTUAL_ROOT}/${encodeURIComponent(uri)}${extension}`;
}

export function isVirtualPath(path: string): boolean {
  return path.startsWith(`${VIRTUAL_ROOT}/`);
}

/** The `file:` URI of an engine path (for files the client has not opened). */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
