/**
 * A small check over a regular expression's source for nested quantifiers (`(a+)+`, `(\w+\s?)*`,
 * `(?:x{2,})?`): the shape behind catastrophic backtracking in JavaScript's backtracking engine.
 * The secret patterns run over whole files the user did not write for us (bundles, data, logs), so
 * every one of them must be free of it. Deliberately strict: any quantified group that contains a
 * quantifier is reported, even where backtracking happens to stay bounded.
 */

interface Frame {
  /** A quantifier occurs somewhere inside this group (nested groups included). */
  hasQuantifier: boolean;
}

type Atom = { kind: 'simple' } | { kind: 'group'; hasQuantifier: boolean } | { kind: 'none' };

const QUANTIFIER_BRACES = /^\{[0-9]+(,[0-9]*)?\}/;

/**
 * The offset of the first quantifier applied to a group that already contains one, or undefined
 * when there is none. Understands escapes (`\(`, `\p{L}`, `\u{1F600}`), character classes and every
 * group form (`(?:`, `(?<name>`, lookarounds).
 */
export function findNestedQuantifier(source: string): number | undefined {
  const stack: Frame[] = [{ hasQuantifier: false }];
  let last: Atom = { kind: 'none' };
  for (let i = 0; i < source.length; i++) {
    const character = source[i];
    const frame = stack[stack.length - 1];
    if (!frame) return undefined;
    if (character === '\\') {
      const next = source[i + 1];
      // `\p{…}`, `\P{…}`, `\u{…}`: the braces belong to the escape, not a quantifier.
      if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3);
        i = close < 0 ? source.length : close;
      } else {
        i++;
      }
      last = { kind: 'simple' };
      continue;
    }
    if (character === '[') {
      i = classEnd(source, i);
      last = { kind: 'simple' };
      continue;
    }
    if (character === '(') {
      stack.push({ hasQuantifier: false });
      last = { kind: 'none' };
      // Skip the group's opening syntax so `?` in `(?:` is not taken for a quantifier.
      if (source[i + 1] === '?') {
        if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
          const close = source.indexOf('>', i + 3);
          i = close < 0 ? source.length : close;
        } else {
          i += source[i + 2] === '<' ? 3 : 2;
        }
      }
      continue;
    }
    if (character === ')') {
      const closed = stack.pop();
      const parent = stack[stack.length - 1];
      if (!closed || !parent) return undefined;
      parent.hasQuantifier ||= closed.hasQuantifier;
      last = { kind: 'group', hasQuantifier: closed.hasQuantifier };
      continue;
    }
    const braces = character === '{' ? QUANTIFIER_BRACES.exec(source.slice(i)) : null;
    if (character === '*' || character === '+' || character === '?' || braces) {
      if (last.kind === 'group' && last.hasQuantifier) return i;
      frame.hasQuantifier = true;
      if (braces) i += braces[0].length - 1;
      // A lazy or possessive marker right after a quantifier is part of it.
      if (source[i + 1] === '?') i++;
      last = { kind: 'none' };
      continue;
    }
    last = { kind: 'simple' };
  }
  return undefined;
}

/** The offset of the `]` closing the class opened at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}
