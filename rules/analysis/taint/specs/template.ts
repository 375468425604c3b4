/**
 * `injection/template` sinks: template text compiled from event data (server-side template
 * injection). Template languages run expressions: `{{constructor.constructor('…')()}}` in
 * Handlebars' older versions, `<%= process.env %>` in EJS, `#{…}` in Pug and lodash templates
 * are JavaScript. Only the template text counts; the data rendered into a fixed template does not.
 */
import type { SinkSpec } from './types';

export const TEMPLATE_SINKS: readonly SinkSpec[] = [
  ...['compile', 'precompile'].map((name): SinkSpec => ({ kind: 'template', modules: ['handlebars'], export: name, arguments: [0], name: `handlebars.${name}`, label: 'template text' })),
  { kind: 'template', modules: ['handlebars'], method: 'compile', arguments: [0], name: 'handlebars.compile', label: 'template text' },
  ...['render', 'compile'].map((name): SinkSpec => ({ kind: 'template', modules: ['ejs'], export: name, arguments: [0], name: `ejs.${name}`, label: 'template text' })),
  ...['compile', 'render', 'compileClient'].map((name): SinkSpec => ({ kind: 'template', modules: ['pug'], export: name, arguments: [0], name: `pug.${name}`, label: 'template text' })),
  { kind: 'template', modules: ['lodash', 'lodash-es'], export: 'template', arguments: [0], name: '_.template', label: 'template text' },
  { kind: 'template', modules: ['lodash.template', 'lodash/template'], export: '', arguments: [0], name: '_.template', label: 'template text' },
  { kind: 'template', modules: ['nunjucks'], export: 'renderString', arguments: [0], name: 'nunjucks.renderString', label: 'template text' },
  { kind: 'template', modules: ['nunjucks'], method: 'renderString', arguments: [0], name: 'nunjucks.renderString', label: 'template text' },
  { kind: 'template', modules: ['nunjucks'], export: 'compile', arguments: [0], name: 'nunjucks.compile', label: 'template text' },
  { kind: 'template', modules: ['nunjucks'], export: 'Template', invoke: 'new', arguments: [0], name: 'nunjucks.Template', label: 'template text' },
  { kind: 'template', modules: ['doT', 'dot'], export: 'template', arguments: [0], name: 'doT.template', label: 'template text' },
];
