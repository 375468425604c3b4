/**
 * Writing `--fix` results. Each file is written to a temporary file in its own folder and renamed
 * over the original: a rename within one file system is atomic, so a crash or a full disk never
 * leaves a half-written handler or template behind.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeFileAtomically(file: string, text: string): Promise<void> {
  // Write through a symlink to its target; renaming over the link would replace it with a copy.
  const target = await fs.realpath(file);
  const { mode } = await fs.stat(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    // writeFile's mode is filtered by the umask; keep exactly the original permissions.
    await fs.chmod(temporary, mode & 0o7777);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
