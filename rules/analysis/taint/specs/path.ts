/**
 * `injection/path` sinks: file-system calls whose path argument an attacker can steer out of the
 * intended folder with `../` or an absolute path. `path.join`/`resolve` only propagate (see
 * `propagators.ts`); `path.basename` cleans (see `sanitizers.ts`).
 */
import type { SinkSpec } from './types';

const FS = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs'];

/** Functions whose first argument is a path. */
const ONE_PATH = [
  'readFile',
  'writeFile',
  'appendFile',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'rm',
  'rmdir',
  'mkdir',
  'mkdtemp',
  'readdir',
  'opendir',
  'stat',
  'lstat',
  'access',
  'exists',
  'open',
  'chmod',
  'chown',
  'truncate',
  'utimes',
  'realpath',
  'readlink',
  'watch',
  'watchFile',
  // fs-extra
  'outputFile',
  'outputJson',
  'readJson',
  'writeJson',
  'remove',
  'emptyDir',
  'ensureDir',
  'ensureFile',
  'pathExists',
];
/** Functions whose first two arguments are paths. */
const TWO_PATHS = ['copyFile', 'cp', 'rename', 'link', 'symlink', 'copy', 'move'];

function fsSinks(names: readonly string[], args: readonly number[]): SinkSpec[] {
  return names.flatMap((name) => {
    const sync = name.startsWith('create') || name.startsWith('watch') ? [] : [`${name}Sync`];
    return [name, ...sync].flatMap((exported): SinkSpec[] => [
      { kind: 'path', modules: FS, export: exported, arguments: args, label: 'file path' },
      { kind: 'path', modules: ['fs'], export: `promises.${exported}`, arguments: args, name: exported, label: 'file path' },
    ]);
  });
}

export const PATH_SINKS: readonly SinkSpec[] = [
  ...fsSinks(ONE_PATH, [0]),
  ...fsSinks(TWO_PATHS, [0, 1]),
  // Express serves any file the process can read unless `root` confines the path (then `..` is refused).
  { kind: 'path', modules: ['express'], method: 'sendFile', arguments: [0], unlessOption: 'root', label: 'file path' },
  { kind: 'path', modules: ['express'], method: 'download', arguments: [0], unlessOption: 'root', label: 'file path' },
];
