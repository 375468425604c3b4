/**
 * Messages sent to a queue, a topic or an event bus. Not an injection by themselves: a message is
 * data for the function that consumes it. The flows into these sinks link a producer to the
 * findings of its consumers (`queues.ts` beside the engine; no rule reports kind `queue-message`).
 *
 * Azure output bindings are writes, not calls (`context.bindings.orderQueue = …`,
 * `context.extraOutputs.set(queueOutput, …)`): `writes.ts` finds those and records them with
 * `AZURE_BINDING_SINK` and `AZURE_EXTRA_OUTPUT_SINK`.
 */
import type { SinkSpec } from './types';

const SQS = ['@aws-sdk/client-sqs'];
const SNS = ['@aws-sdk/client-sns'];
const EVENTBRIDGE = ['@aws-sdk/client-eventbridge'];

export const QUEUE_SINKS: readonly SinkSpec[] = [
  { kind: 'queue-message', modules: SQS, export: 'SendMessageCommand', invoke: 'new', arguments: [0], property: 'MessageBody', name: 'SendMessage', label: 'message body' },
  { kind: 'queue-message', modules: SQS, export: 'SendMessageBatchCommand', invoke: 'new', arguments: [0], property: 'Entries.*.MessageBody', name: 'SendMessageBatch', label: 'message body' },
  { kind: 'queue-message', modules: SNS, export: 'PublishCommand', invoke: 'new', arguments: [0], property: 'Message', name: 'Publish', label: 'message' },
  { kind: 'queue-message', modules: SNS, export: 'PublishBatchCommand', invoke: 'new', arguments: [0], property: 'PublishBatchRequestEntries.*.Message', name: 'PublishBatch', label: 'message' },
  { kind: 'queue-message', modules: EVENTBRIDGE, export: 'PutEventsCommand', invoke: 'new', arguments: [0], property: 'Entries.*.Detail', name: 'PutEvents', label: 'event detail' },
  // Aggregated v3 clients (`new SQS({}).sendMessage(…)`) and SDK v2 clients.
  { kind: 'queue-message', modules: [...SQS, 'aws-sdk', 'aws-sdk/clients/sqs'], method: 'sendMessage', arguments: [0], property: 'MessageBody', name: 'SendMessage', label: 'message body' },
  { kind: 'queue-message', modules: [...SQS, 'aws-sdk', 'aws-sdk/clients/sqs'], method: 'sendMessageBatch', arguments: [0], property: 'Entries.*.MessageBody', name: 'SendMessageBatch', label: 'message body' },
  { kind: 'queue-message', modules: [...SNS, 'aws-sdk', 'aws-sdk/clients/sns'], method: 'publish', arguments: [0], property: 'Message', name: 'Publish', label: 'message' },
  { kind: 'queue-message', modules: [...EVENTBRIDGE, 'aws-sdk', 'aws-sdk/clients/eventbridge'], method: 'putEvents', arguments: [0], property: 'Entries.*.Detail', name: 'PutEvents', label: 'event detail' },
];

/** `context.bindings.<name> = value` in an Azure Functions v3 handler; the hit's name is the binding's. */
export const AZURE_BINDING_SINK: SinkSpec = { kind: 'queue-message', arguments: [], name: 'output binding', label: 'output binding' };

/** `context.extraOutputs.set(output, value)` in the v4 model; the hit's name is the output's variable. */
export const AZURE_EXTRA_OUTPUT_SINK: SinkSpec = { kind: 'queue-message', arguments: [], name: 'extra output', label: 'output binding' };
