/**
 * `injection/ssrf` sinks: HTTP clients whose URL or host an attacker can choose, so the function
 * fetches what they ask for from inside its network: the instance metadata endpoint
 * (`169.254.169.254`), the container credentials URL, internal services behind the VPC.
 *
 * Only the destination counts: the URL or host argument, not the body or headers sent. A value
 * written into the path or query after a fixed origin with `encodeURIComponent` cannot change the
 * destination and is cleaned where the URL is built (see `anchoredUrlParts` in `module.ts`).
 */
import type { SinkSpec } from './types';

const AXIOS_METHODS = ['get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'getUri', 'postForm', 'putForm', 'patchForm'];
const GOT_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate'];
const HTTP = ['http', 'https'];

export const SSRF_SINKS: readonly SinkSpec[] = [
  { kind: 'ssrf', global: 'fetch', arguments: [0], label: 'request URL' },
  { kind: 'ssrf', modules: ['node-fetch', 'cross-fetch', 'isomorphic-fetch'], export: '', arguments: [0], name: 'fetch', label: 'request URL' },
  { kind: 'ssrf', modules: ['node-fetch', 'cross-fetch'], export: 'fetch', arguments: [0], label: 'request URL' },
  // axios(url), axios({ url }), axios.get(url), and the same on instances from axios.create(…):
  // an absolute URL overrides the instance's baseURL.
  { kind: 'ssrf', modules: ['axios'], export: '', arguments: [0], name: 'axios', label: 'request URL' },
  { kind: 'ssrf', modules: ['axios'], export: '', arguments: [0], property: 'url', name: 'axios', label: 'request URL' },
  { kind: 'ssrf', modules: ['axios'], export: '', arguments: [0], property: 'baseURL', name: 'axios', label: 'request URL' },
  { kind: 'ssrf', modules: ['axios'], method: 'request', arguments: [0], property: 'url', label: 'request URL' },
  { kind: 'ssrf', modules: ['axios'], method: 'request', arguments: [0], property: 'baseURL', label: 'request URL' },
  { kind: 'ssrf', modules: ['axios'], method: 'create', arguments: [0], property: 'baseURL', name: 'axios.create', label: 'base URL' },
  ...AXIOS_METHODS.map((method): SinkSpec => ({ kind: 'ssrf', modules: ['axios'], method, arguments: [0], name: `axios.${method}`, label: 'request URL' })),
  // got(url), got({ url }), got.get(url), instances from got.extend(…).
  { kind: 'ssrf', modules: ['got'], export: '', arguments: [0], name: 'got', label: 'request URL' },
  { kind: 'ssrf', modules: ['got'], export: '', arguments: [0], property: 'url', name: 'got', label: 'request URL' },
  { kind: 'ssrf', modules: ['got'], export: '', arguments: [1], property: 'prefixUrl', name: 'got', label: 'request URL' },
  ...GOT_METHODS.map((method): SinkSpec => ({ kind: 'ssrf', modules: ['got'], method, arguments: [0], name: `got.${method}`, label: 'request URL' })),
  // http(s).request / get: a URL string or object first, or an options object naming the host.
  // The options' `path` is sent to that host, so it does not choose the destination.
  ...['request', 'get'].flatMap((name): SinkSpec[] => [
    { kind: 'ssrf', modules: HTTP, export: name, arguments: [0], name: `http.${name}`, label: 'request URL' },
    { kind: 'ssrf', modules: HTTP, export: name, arguments: [0, 1], property: 'host', name: `http.${name}`, label: 'request host' },
    { kind: 'ssrf', modules: HTTP, export: name, arguments: [0, 1], property: 'hostname', name: `http.${name}`, label: 'request host' },
  ]),
  // undici: request(url), fetch(url), stream(url), and clients bound to an origin.
  ...['request', 'fetch', 'stream', 'pipeline'].map((name): SinkSpec => ({ kind: 'ssrf', modules: ['undici'], export: name, arguments: [0], name: `undici.${name}`, label: 'request URL' })),
  ...['Client', 'Pool'].map((name): SinkSpec => ({ kind: 'ssrf', modules: ['undici'], export: name, invoke: 'new', arguments: [0], name: `undici.${name}`, label: 'request URL' })),
  // superagent and needle take the URL first too.
  ...['get', 'post', 'put', 'patch', 'delete', 'head'].map((method): SinkSpec => ({ kind: 'ssrf', modules: ['superagent'], method, arguments: [0], name: `superagent.${method}`, label: 'request URL' })),
  { kind: 'ssrf', modules: ['needle'], export: '', arguments: [1], name: 'needle', label: 'request URL' },
];
