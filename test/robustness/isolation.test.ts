/**
 * The engine and the server's analysis open no sockets and spawn no processes (issue 9, DESIGN
 * "the engine is pure"). A full analysis of `examples/` runs with every function of `net`, `http`,
 * `https`, `dgram`, `tls` and `child_process` (and the prototype methods every socket and child
 * process goes through, which catch references taken at import time) replaced by recorders.
 */
import assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { run } from '../../cli/src/run';
import { ALL_RULES, fixFile, lintFile, Project } from '../../rules/index';
import type { Logger } from '../../server/src/logger';
import { WorkspaceIndex } from '../../server/src/workspace';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const NOW = new Date('2026-01-01T00:00:00Z');

type Patchable = Record<string, unknown>;

interface Trap {
  calls: string[];
  patched: string[];
  restore(): void;
}

/** Replaces every function `target` owns (or the names given) with one that records the call, then calls through. */
function trapAll(): Trap {
  const calls: string[] = [];
  const patched: string[] = [];
  const restores: (() => void)[] = [];
  const patch = (owner: Patchable, label: string, names?: readonly string[]): void => {
    for (const name of names ?? Object.keys(owner)) {
      const original = owner[name];
      // Classes stay: wrapping a constructor breaks `new` and `instanceof`; their prototypes are patched below.
      if (typeof original !== 'function' || /^[A-Z]/.test(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(owner, name);
      if (descriptor && !descriptor.writable && !descriptor.set) continue;
      const originalFunction = original as (...args: unknown[]) => unknown;
      owner[name] = function (this: unknown, ...args: unknown[]): unknown {
        calls.push(`${label}.${name}`);
        return originalFunction.apply(this, args);
      };
      patched.push(`${label}.${name}`);
      restores.push(() => {
        owner[name] = original;
      });
    }
  };
  // `import * as` gives a frozen namespace; the CommonJS exports object is what callers share.
  const modules: [string, Patchable][] = [
    ['net', require('node:net') as Patchable],
    ['http', require('node:http') as Patchable],
    ['https', require('node:https') as Patchable],
    ['dgram', require('node:dgram') as Patchable],
    ['tls', require('node:tls') as Patchable],
    ['child_process', require('node:child_process') as Patchable],
  ];
  for (const [label, exports] of modules) patch(exports, label);
  patch(net.Socket.prototype as unknown as Patchable, 'net.Socket.prototype', ['connect']);
  patch(net.Server.prototype as unknown as Patchable, 'net.Server.prototype', ['listen']);
  patch(dgram.Socket.prototype as unknown as Patchable, 'dgram.Socket.prototype', ['bind', 'send', 'connect']);
  patch(childProcess.ChildProcess.prototype as unknown as Patchable, 'child_process.ChildProcess.prototype', ['spawn']);
  return {
    calls,
    patched,
    restore: () => {
      for (const restore of restores.reverse()) restore();
    },
  };
}

const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined };

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('robustness: no network, no processes', function () {
  this.timeout(120_000);

  it('the traps catch what they are meant to catch', () => {
    const trap = trapAll();
    try {
      assert.ok(trap.patched.includes('child_process.spawn') && trap.patched.includes('child_process.execSync'));
      assert.ok(trap.patched.includes('net.connect') && trap.patched.includes('http.request') && trap.patched.includes('https.get'));
      assert.ok(trap.patched.includes('dgram.createSocket') && trap.patched.includes('tls.connect'));
      assert.ok(trap.patched.includes('net.Socket.prototype.connect'));
      // A reference taken before the trap still lands on the patched prototype.
      const socket = new net.Socket();
      socket.on('error', () => undefined);
      socket.connect({ port: 9, host: '127.0.0.1' });
      socket.destroy();
      assert.ok(trap.calls.includes('net.Socket.prototype.connect'));
    } finally {
      trap.restore();
    }
    assert.equal(typeof http.request, 'function');
    assert.equal(typeof https.request, 'function');
    assert.equal(typeof tls.connect, 'function');
  });

  it('a full analysis of examples/ (engine, fix-all, CLI run, server workspace index) calls none of them', async () => {
    const texts = filesUnder(EXAMPLES).map((file) => [file.split(path.sep).join('/'), fs.readFileSync(file, 'utf8')] as const);
    const trap = trapAll();
    let findings = 0;
    let cliFindings = 0;
    let indexed = 0;
    try {
      const project = new Project(texts);
      for (const [file] of texts) {
        findings += lintFile(project, file, { rules: ALL_RULES, now: NOW }).length;
        fixFile(project, file, { now: NOW });
      }
      cliFindings = (await run({ cwd: EXAMPLES, now: NOW })).findings.length;
      const workspace = new WorkspaceIndex(quiet);
      indexed = await workspace.indexInitialFolders([{ uri: pathToFileURL(EXAMPLES).href, name: 'examples' }]);
      for (const file of workspace.project.paths) findings += lintFile(workspace.project, file, { now: NOW }).length;
    } finally {
      trap.restore();
    }
    assert.deepEqual(trap.calls, []);
    assert.ok(findings > 0 && cliFindings > 0 && indexed > 0, 'the analysis ran and found something');
  });
});
