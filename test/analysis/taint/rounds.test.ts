import * as assert from 'node:assert/strict';
import { analyzeModule } from '../../../rules/analysis/taint/index';
import { Project } from '../../../rules/engine/project';
import { code, describeFlows } from './helpers';

/**
 * After the first round, only the functions whose inputs changed are evaluated again: these cases
 * need a later round, through each kind of input a function reads.
 */
describe('taint engine: rounds evaluate again only what changed', () => {
  it('follows a variable written after the function that reads it was evaluated', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          let pending = 'true';
          function run() { exec(pending); }
          exports.handler = async (event) => {
            pending = event.body;
            run();
          };
        `,
      }),
      ['command event.body → exec @h.js:3'],
    );
  });

  it('follows a summary that changes after its caller was evaluated', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          exports.handler = async (event) => exec(first(event.body));
          function first(x) { return second(x); }
          function second(x) { return third(x); }
          function third(x) { return x.trim(); }
        `,
      }),
      ['command event.body → exec @h.js:2'],
    );
  });

  it('follows sinks a callee reaches only once its own callee is known', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          exports.handler = async (event) => outer(event.query);
          function outer(q) { inner(q.cmd); }
          function inner(c) { later(c); }
          function later(c) { exec('echo ' + c); }
        `,
      }),
      ['command event.query.cmd → exec @h.js:5'],
    );
  });

  it('follows a class field written after the method that reads it was evaluated', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          class Job {
            start() { exec(this.command); }
          }
          exports.handler = async (event) => {
            const job = new Job();
            job.command = event.body;
            job.start();
          };
        `,
      }),
      ['command event.body → exec @h.js:3'],
    );
  });

  it('keeps a guard of an enclosing function in force in a closure', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          const ALLOWED = ['ls', 'pwd'];
          exports.handler = async (event) => {
            const cmd = event.body;
            if (!ALLOWED.includes(cmd)) return;
            await Promise.resolve().then(() => exec(cmd));
            setTimeout(() => exec(event.other), 0);
          };
        `,
      }),
      ['command event.other → exec @h.js:7'],
    );
  });

  it('evaluates each function about once when few depend on later ones', () => {
    // Independent helpers, and one function further down whose summary the handler reads early.
    const lines = ["const { exec } = require('child_process');", 'exports.handler = async (event) => { exec(helper50(event.body)); late(event.query); };'];
    for (let i = 0; i < 100; i++) lines.push(`function helper${i}(x) { const y = x + ${i}; return y.trim(); }`);
    lines.push('function late(q) { exec(q.cmd); }');
    const text = lines.join('\n');
    assert.deepEqual(describeFlows({ 'h.js': text }), ['command event.body → exec @h.js:2', 'command event.query.cmd → exec @h.js:103']);
    const project = new Project([['h.js', text]]);
    const analysis = analyzeModule((path) => project.sourceFile(path), 'h.js');
    assert.ok(analysis);
    // The module body, the handler, 100 helpers and `late`: 103 functions. `late` changes after the
    // handler read it, so the handler runs again; a whole round again would be over 200.
    assert.ok(analysis.rounds >= 2, `${analysis.rounds} rounds`);
    assert.ok(analysis.evaluations < 103 + 10, `${analysis.evaluations} evaluations in ${analysis.rounds} rounds`);
  });
});
