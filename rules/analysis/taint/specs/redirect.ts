/**
 * `injection/redirect` sinks: a redirect target taken from event data (open redirect). Express and
 * Google Cloud Functions responses (`res.redirect`, `res.location`, a `Location` header set by
 * name), and response objects whose `headers` carry a `Location` (`LOCATION_HEADER`): Lambda proxy
 * results, Azure `context.res` and v4 returns. A value written after a fixed origin or path with
 * `encodeURIComponent` stays on that site and is cleaned where the URL is built (as for `ssrf`).
 */
import type { SinkSpec } from './types';

const RESPONSES = ['express', '@google-cloud/functions-framework'];

export const REDIRECT_SINKS: readonly SinkSpec[] = [
  // `res.redirect(url)` and `res.redirect(301, url)`: a status is a number, never tainted.
  { kind: 'redirect', modules: RESPONSES, method: 'redirect', arguments: [0, 1], name: 'res.redirect', label: 'redirect URL' },
  { kind: 'redirect', modules: RESPONSES, method: 'location', arguments: [0], name: 'res.location', label: 'redirect URL' },
  ...['set', 'setHeader', 'header', 'append'].map(
    (method): SinkSpec => ({ kind: 'redirect', modules: RESPONSES, method, arguments: [1], when: { argument: 0, equalsIgnoringCase: 'location' }, name: `res.${method}`, label: 'Location header' }),
  ),
  ...['Location', 'location'].map(
    (header): SinkSpec => ({ kind: 'redirect', modules: RESPONSES, method: 'writeHead', arguments: [1, 2], property: header, name: 'res.writeHead', label: 'Location header' }),
  ),
];

/** The `Location` of a response object literal's `headers` (any case). */
export const LOCATION_HEADER: SinkSpec = { kind: 'redirect', arguments: [0], property: 'headers.Location', name: 'Location header', label: 'Location header' };
