/**
 * `injection/xss` sinks: event data written into a response a browser renders as HTML.
 *
 * Two shapes. A call that sends a body (`res.send`, `res.end`, `res.write`) when the response is
 * HTML: its text has markup (`<h1>…`), or the same response was given an HTML content type
 * (`res.type('html')`, `res.set('Content-Type', 'text/html')`). And a response object literal whose
 * headers say HTML (`HTML_RESPONSE`): Lambda proxy results, Azure `context.res` and v4 returns.
 * Express sends every string as `text/html`, but a string without markup is usually plain data: we
 * trade those false negatives for not flagging every `res.send(value)`.
 */
import type { SinkSpec } from './types';

const RESPONSES = ['express', '@google-cloud/functions-framework'];

export const XSS_SINKS: readonly SinkSpec[] = ['send', 'end', 'write'].map(
  (method): SinkSpec => ({ kind: 'xss', modules: RESPONSES, method, arguments: [0], when: { html: true }, name: `res.${method}`, label: 'HTML response body' }),
);

/** The `body` of an object literal whose `headers` give an HTML content type. */
export const HTML_RESPONSE: SinkSpec = { kind: 'xss', arguments: [0], property: 'body', name: 'HTML response', label: 'HTML response body' };

/** A content type a browser renders as a page. */
export const HTML_CONTENT_TYPE = /\b(text\/html|application\/xhtml\+xml|html)\b/i;
