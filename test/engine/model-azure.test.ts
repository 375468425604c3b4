import assert from 'node:assert/strict';
import { get, stringValue } from '../../rules/parse/document';
import { fn, modelOf } from '../helpers/model';
import { textAt } from '../helpers/text';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const HTTP_FUNCTION = json({
  bindings: [
    { authLevel: 'anonymous', type: 'httpTrigger', direction: 'in', name: 'req', methods: ['get', 'post'] },
    { type: 'http', direction: 'out', name: 'res' },
  ],
});

const QUEUE_FUNCTION = json({
  scriptFile: '../dist/QueueWorker/index.js',
  entryPoint: 'run',
  bindings: [
    { name: 'item', type: 'queueTrigger', direction: 'in', queueName: 'orders', connection: 'AzureWebJobsStorage' },
    { name: 'table', type: 'table', direction: 'in', tableName: 'orders' },
    { name: 'out', type: 'queue', direction: 'out', queueName: 'done' },
  ],
});

const SETTINGS = json({
  IsEncrypted: false,
  Values: {
    FUNCTIONS_WORKER_RUNTIME: 'node',
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    SQL_CONNECTION: 'Server=tcp:db.example.net;Password=s3cr3t!',
  },
});

describe('project model: Azure Functions', () => {
  it('names a function after its folder and finds index.js beside function.json', () => {
    const model = modelOf({
      'app/host.json': json({ version: '2.0' }),
      'app/HttpHello/function.json': HTTP_FUNCTION,
      'app/HttpHello/index.js': 'module.exports = async function (context, req) {};\n',
    });
    assert.deepEqual(model.functions.map((f) => f.id), ['app/HttpHello/function.json#HttpHello']);
    const hello = fn(model, 'HttpHello');
    assert.equal(hello.platform, 'azure');
    assert.equal(hello.format, 'azure-function');
    assert.equal(hello.handler?.file, 'app/HttpHello/index.js');
    assert.equal(hello.handler?.exportName, undefined);
    assert.deepEqual(hello.events.map((event) => event.type), ['httpTrigger']);
    assert.equal(stringValue(get(hello.events[0]!.config, 'authLevel')), 'anonymous');
    assert.equal(model.template('app/HttpHello/function.json')?.format, 'azure-function');
    // host.json is app configuration, not a function.
    assert.equal(model.template('app/host.json'), undefined);
    assert.deepEqual(model.functionsForHandler('app/HttpHello/index.js').map((f) => f.name), ['HttpHello']);
  });

  it('resolves scriptFile relative to function.json and reads entryPoint as the export', () => {
    const model = modelOf({
      'app/QueueWorker/function.json': QUEUE_FUNCTION,
      'app/dist/QueueWorker/index.js': 'exports.run = async () => {};\n',
    });
    const worker = fn(model, 'QueueWorker');
    assert.equal(worker.handler?.value, '../dist/QueueWorker/index.js');
    assert.equal(worker.handler?.file, 'app/dist/QueueWorker/index.js');
    assert.equal(worker.handler?.exportName, 'run');
    assert.equal(worker.handler?.node && textAt(QUEUE_FUNCTION, worker.handler.node), '"../dist/QueueWorker/index.js"');
    // Only the `in` binding whose type is a trigger.
    assert.deepEqual(worker.events.map((event) => event.type), ['queueTrigger']);
  });

  it('falls back to the TypeScript source when the compiled scriptFile is absent', () => {
    const model = modelOf({
      'app/QueueWorker/function.json': QUEUE_FUNCTION,
      'app/QueueWorker/index.ts': 'export async function run() {}\n',
    });
    assert.equal(fn(model, 'QueueWorker').handler?.file, 'app/QueueWorker/index.ts');
  });

  it('leaves the handler unresolved when no script exists', () => {
    const model = modelOf({ 'app/HttpHello/function.json': HTTP_FUNCTION });
    const hello = fn(model, 'HttpHello');
    assert.equal(hello.handler?.file, undefined);
    assert.deepEqual(hello.handler?.candidates, ['app/HttpHello/index.js', 'app/HttpHello/index.mjs', 'app/HttpHello/index.cjs', 'app/HttpHello/index.ts']);
  });

  it('gives every function of the app the Values of local.settings.json', () => {
    const model = modelOf({
      'app/host.json': json({ version: '2.0' }),
      'app/local.settings.json': SETTINGS,
      'app/HttpHello/function.json': HTTP_FUNCTION,
      'app/QueueWorker/function.json': QUEUE_FUNCTION,
      'other/Lonely/function.json': HTTP_FUNCTION,
    });
    assert.equal(model.template('app/local.settings.json')?.format, 'azure-settings');
    for (const name of ['HttpHello', 'QueueWorker']) {
      const azureFunction = fn(model, name);
      assert.deepEqual(
        azureFunction.environment.map((variable) => [variable.name, variable.level]),
        [
          ['FUNCTIONS_WORKER_RUNTIME', 'settings'],
          ['AzureWebJobsStorage', 'settings'],
          ['SQL_CONNECTION', 'settings'],
        ],
      );
      assert.equal(azureFunction.runtime && stringValue(azureFunction.runtime), 'node');
    }
    const connection = fn(model, 'HttpHello').environment[2]!;
    assert.equal(textAt(SETTINGS, connection.value), '"Server=tcp:db.example.net;Password=s3cr3t!"');
    assert.equal(textAt(SETTINGS, connection.nameNode), '"SQL_CONNECTION"');
    // A function outside the app's folder tree does not see its settings.
    assert.deepEqual(fn(model, 'Lonely').environment, []);
  });

  it('uses the nearest local.settings.json when apps are nested', () => {
    const model = modelOf({
      'local.settings.json': json({ Values: { OUTER: '1' } }),
      'apps/api/local.settings.json': json({ Values: { INNER: '2' } }),
      'apps/api/Fn/function.json': HTTP_FUNCTION,
      'Root/function.json': HTTP_FUNCTION,
    });
    assert.deepEqual(fn(model, 'Fn').environment.map((variable) => variable.name), ['INNER']);
    assert.deepEqual(fn(model, 'Root').environment.map((variable) => variable.name), ['OUTER']);
  });
});
