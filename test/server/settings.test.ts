import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../protocol/index';
import { EMPTY_CONFIG, type LintConfig } from '../../rules/index';
import type { Logger } from '../../server/src/logger';
import { effectiveConfig, readSettings, SettingsStore } from '../../server/src/settings';
import { StatusReporter } from '../../server/src/status';
import type { StatusParams } from '../../protocol/index';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string): void => {
    lines.push(message);
  };
  return { lines, error: push, warn: push, info: push, log: push };
}

describe('server: settings', () => {
  it('reads a valid section', () => {
    const logger = recordingLogger();
    const settings = readSettings({ enable: false, debounceMs: 100, rules: { 'secrets/aws-access-key': 'warning' } }, logger);
    assert.deepEqual(settings, { enable: false, debounceMs: 100, rules: { 'secrets/aws-access-key': 'warning' } });
    assert.deepEqual(logger.lines, []);
  });

  it('falls back per key on bad values and says so', () => {
    const logger = recordingLogger();
    const settings = readSettings({ enable: 'yes', debounceMs: -5, rules: { 'no/such-rule': 'error', 'injection/command': 'loud' } }, logger);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(logger.lines.length, 4, logger.lines.join('\n'));
    assert.deepEqual(readSettings(undefined, logger), DEFAULT_SETTINGS);
  });

  it('puts the settings severities under the configuration file', () => {
    const config: LintConfig = { rules: { 'injection/command': { severity: 'warning' } }, ignore: ['gen/**'], root: '/w' };
    const settings = { ...DEFAULT_SETTINGS, rules: { 'injection/command': 'off', 'secrets/aws-access-key': 'info' } as const };
    const merged = effectiveConfig(config, settings);
    assert.deepEqual(merged, {
      rules: { 'injection/command': { severity: 'warning' }, 'secrets/aws-access-key': { severity: 'info' } },
      ignore: ['gen/**'],
      root: '/w',
    });
    assert.equal(effectiveConfig(config, settings), merged, 'memoised per pair');
    assert.equal(effectiveConfig(EMPTY_CONFIG, DEFAULT_SETTINGS), EMPTY_CONFIG);
  });

  it('caches per resource until the configuration changes', async () => {
    const asked: (string | undefined)[] = [];
    const store = new SettingsStore(async (scopeUri) => {
      asked.push(scopeUri);
      return { debounceMs: asked.length * 100 };
    }, recordingLogger());
    assert.equal((await store.get('file:///a.js')).debounceMs, 100);
    assert.equal((await store.get('file:///a.js')).debounceMs, 100);
    assert.equal(store.peek('file:///a.js').debounceMs, 100);
    store.changed(undefined);
    assert.equal(store.peek('file:///a.js').debounceMs, DEFAULT_SETTINGS.debounceMs);
    assert.equal((await store.get('file:///a.js')).debounceMs, 200);
    assert.deepEqual(asked, ['file:///a.js', 'file:///a.js']);
  });

  it('uses the defaults when the client cannot answer', async () => {
    const failing = new SettingsStore(() => Promise.reject(new Error('no')), recordingLogger());
    assert.deepEqual(await failing.get('file:///a.js'), DEFAULT_SETTINGS);
    const pushOnly = new SettingsStore(undefined, recordingLogger());
    pushOnly.changed({ debounceMs: 50 });
    assert.equal((await pushOnly.get('file:///a.js')).debounceMs, 50);
  });
});

describe('server: status', () => {
  it('sends changes only, and an error outranks progress until the file analyses again', () => {
    const sent: StatusParams[] = [];
    const status = new StatusReporter((params) => sent.push(params));
    status.busy('Indexing');
    status.busy('Indexing');
    status.fileFailed('/w/a.js', 'bad config');
    status.busy(undefined);
    status.fileSucceeded('/w/b.js');
    status.fileSucceeded('/w/a.js');
    assert.deepEqual(sent, [
      { state: 'analysing', message: 'Indexing' },
      { state: 'error', message: 'bad config' },
      { state: 'ok', message: 'Ready' },
    ]);
  });
});
