/**
 * Expands VS Code snippet bodies the way the editor does when every placeholder keeps its
 * default, for tests that check what a snippet inserts.
 *
 * Supported (the subset our snippets use, with the editor's semantics): tabstops `$1` / `${1}`,
 * placeholders `${1:default}` (nested), choices `${1|a,b|}` (the first option), the final
 * tabstop `$0`, variables `$NAME` / `${NAME}` / `${NAME:default}`, and the escapes `\$`, `\}`,
 * `\\` (plus `\,` and `\|` inside choices). A bare tabstop mirrors the default of the placeholder
 * with the same number. Transformations (`${1/…/…/}`) are rejected, so a snippet that needs
 * them fails its test instead of being checked against the wrong text.
 */

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

export interface ExpandOptions {
  /** Variable values; unknown variables expand to their default, or else to their name (as VS Code does). */
  variables?: Readonly<Record<string, string>>;
}

/** Sample values for the variables VS Code defines, as they would be in a fresh `handler.js`. */
export const SAMPLE_VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'handler.js',
  TM_FILENAME_BASE: 'handler',
  TM_DIRECTORY: '/workspace/src',
  TM_FILEPATH: '/workspace/src/handler.js',
  RELATIVE_FILEPATH: 'src/handler.js',
  WORKSPACE_NAME: 'workspace',
  WORKSPACE_FOLDER: '/workspace',
  CLIPBOARD: '',
  CURRENT_YEAR: '2026',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '15',
  UUID: '00000000-0000-4000-8000-000000000000',
};

export class SnippetSyntaxError extends Error {}

/** The text a snippet body inserts when every placeholder keeps its default. */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = new SnippetParser(source).parse();
  const defaults = new Map<number, SnippetNode[]>();
  collectDefaults(nodes, defaults);
  const variables = options.variables ?? SAMPLE_VARIABLES;
  return render(nodes, defaults, variables, 0);
}

/**
 * The default text of every numbered placeholder and choice, by number, for a consistency
 * check: VS Code links all occurrences of a number, so they should start out the same.
 */
export function placeholderDefaults(body: string | readonly string[]): Map<number, string[]> {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = new SnippetParser(source).parse();
  const result = new Map<number, string[]>();
  const visit = (list: readonly SnippetNode[]): void => {
    for (const node of list) {
      if (node.kind === 'placeholder' || node.kind === 'choice') {
        const text = node.kind === 'choice' ? (node.options[0] ?? '') : render(node.children, new Map(), SAMPLE_VARIABLES, 0);
        result.set(node.index, [...(result.get(node.index) ?? []), text]);
      }
      if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) visit(node.children ?? []);
    }
  };
  visit(nodes);
  return result;
}

function collectDefaults(nodes: readonly SnippetNode[], defaults: Map<number, SnippetNode[]>): void {
  for (const node of nodes) {
    if (node.kind === 'placeholder') {
      if (!defaults.has(node.index)) defaults.set(node.index, node.children);
      collectDefaults(node.children, defaults);
    } else if (node.kind === 'choice') {
      if (!defaults.has(node.index)) defaults.set(node.index, [{ kind: 'text', value: node.options[0] ?? '' }]);
    } else if (node.kind === 'variable' && node.children) {
      collectDefaults(node.children, defaults);
    }
  }
}

function render(
  nodes: readonly SnippetNode[],
  defaults: ReadonlyMap<number, SnippetNode[]>,
  variables: Readonly<Record<string, string>>,
  depth: number,
): string {
  if (depth > 32) throw new SnippetSyntaxError('placeholders nest too deeply (a tabstop mirrors itself?)');
  let text = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        text += node.value;
        break;
      case 'tabstop': {
        const mirrored = defaults.get(node.index);
        if (mirrored) text += render(mirrored, defaults, variables, depth + 1);
        break;
      }
      case 'placeholder':
        text += render(node.children, defaults, variables, depth + 1);
        break;
      case 'choice':
        text += node.options[0] ?? '';
        break;
      case 'variable': {
        const value = Object.hasOwn(variables, node.name) ? variables[node.name] : undefined;
        if (value !== undefined && value !== '') text += value;
        else if (node.children) text += render(node.children, defaults, variables, depth + 1);
        else if (value === undefined) text += node.name;
        break;
      }
    }
  }
  return text;
}

class SnippetParser {
  private position = 0;

  constructor(private readonly source: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.position < this.source.length) this.fail('unexpected "}"');
    return nodes;
  }

  /** Nodes up to the end, or (inside a placeholder) up to its closing `}`. */
  private sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.position < this.source.length) {
      const character = this.source[this.position] ?? '';
      if (character === '\\') {
        const next = this.source[this.position + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.position += 2;
        } else {
          text += character;
          this.position++;
        }
      } else if (character === '}' && nested) {
        break;
      } else if (character === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.position++;
        }
      } else {
        text += character;
        this.position++;
      }
    }
    flush();
    return nodes;
  }

  /** A `$…` construct, or undefined when the `$` is literal text. */
  private dollar(): SnippetNode | undefined {
    const rest = this.source.slice(this.position + 1);
    const simple = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (simple?.[1] !== undefined) {
      this.position += 1 + simple[1].length;
      return /^\d/.test(simple[1]) ? { kind: 'tabstop', index: Number(simple[1]) } : { kind: 'variable', name: simple[1] };
    }
    if (!rest.startsWith('{')) return undefined;
    const head = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)([}:|/])?/.exec(rest);
    if (head?.[1] === undefined || head[2] === undefined) return undefined;
    const name = head[1];
    const numbered = /^\d/.test(name);
    const index = Number(name);
    this.position += 1 + head[0].length;
    switch (head[2]) {
      case '}':
        return numbered ? { kind: 'tabstop', index } : { kind: 'variable', name };
      case ':': {
        const children = this.sequence(true);
        this.expect('}');
        return numbered ? { kind: 'placeholder', index, children } : { kind: 'variable', name, children };
      }
      case '|': {
        if (!numbered) this.fail(`a choice needs a tabstop number, not ${name}`);
        return { kind: 'choice', index, options: this.choiceOptions() };
      }
      default:
        return this.fail(`transformations (\${${name}/…}) are not supported`);
    }
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.position < this.source.length) {
      const character = this.source[this.position] ?? '';
      if (character === '\\' && /[,|\\$}]/.test(this.source[this.position + 1] ?? '')) {
        option += this.source[this.position + 1];
        this.position += 2;
      } else if (character === ',') {
        options.push(option);
        option = '';
        this.position++;
      } else if (character === '|' && this.source[this.position + 1] === '}') {
        options.push(option);
        this.position += 2;
        return options;
      } else {
        option += character;
        this.position++;
      }
    }
    return this.fail('unterminated choice');
  }

  private expect(character: string): void {
    if (this.source[this.position] !== character) this.fail(`expected "${character}"`);
    this.position++;
  }

  private fail(message: string): never {
    throw new SnippetSyntaxError(`${message} at offset ${this.position} of the snippet body`);
  }
}

/**
 * Inserts expanded snippet text where `marker` stands alone on a line of `host`, the way the
 * editor inserts it: every line after the first gets the marker line's indentation (blank lines
 * stay blank, as the editor's trim of trailing white space would leave them).
 */
export function insertInto(host: string, marker: string, snippet: string): string {
  const pattern = new RegExp(`^([ \\t]*)${marker.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&')}$`, 'm');
  const match = pattern.exec(host);
  if (!match) throw new Error(`the host has no line holding only ${marker}`);
  const indent = match[1] ?? '';
  const indented = snippet
    .split('\n')
    .map((line, index) => (index === 0 ? `${indent}${line}` : line === '' ? '' : `${indent}${line}`))
    .join('\n');
  return host.slice(0, match.index) + indented + host.slice(match.index + match[0].length);
}
