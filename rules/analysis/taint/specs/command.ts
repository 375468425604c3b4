/**
 * `injection/command` sinks: calls that hand a string to a shell.
 */
import type { SinkSpec } from './types';

const CHILD_PROCESS = ['child_process'];
const EXECA = ['execa'];

export const COMMAND_SINKS: readonly SinkSpec[] = [
  // Always a shell: `/bin/sh -c <command>`.
  { kind: 'command', modules: CHILD_PROCESS, export: 'exec', arguments: [0], label: 'shell command' },
  { kind: 'command', modules: CHILD_PROCESS, export: 'execSync', arguments: [0], label: 'shell command' },
  { kind: 'command', modules: ['shelljs'], export: 'exec', arguments: [0], label: 'shell command' },
  // A shell only when asked: then Node joins the command and its arguments with spaces into one
  // command line, so each argument is as dangerous as the command.
  ...['spawn', 'spawnSync', 'execFile', 'execFileSync'].map(
    (name): SinkSpec => ({
      kind: 'command',
      modules: CHILD_PROCESS,
      export: name,
      arguments: [0, 1],
      elements: true,
      when: { option: 'shell', truthy: true },
      label: 'shell command',
    }),
  ),
  // execa runs the file directly unless `shell` is set; `execaCommand` splits on spaces without a shell.
  ...['', 'execa', 'execaSync', 'sync', 'command', 'commandSync', 'execaCommand', 'execaCommandSync'].map(
    (name): SinkSpec => ({
      kind: 'command',
      modules: EXECA,
      export: name,
      arguments: [0, 1],
      elements: true,
      when: { option: 'shell', truthy: true },
      name: name === '' ? 'execa' : name,
      label: 'shell command',
    }),
  ),
];
