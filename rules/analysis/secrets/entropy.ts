/**
 * Measures of how random a string looks, used to tell a generated credential from a word, a
 * label or a placeholder when nothing but the name around it says it is a secret.
 */

/** Shannon entropy in bits per character: about 3 for English words, 4–6 for random keys. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = Array.from(value).length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export interface CharacterClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  /** Anything else that is not white space. */
  symbol: boolean;
}

export function characterClasses(value: string): CharacterClasses {
  return {
    lower: /[a-z]/.test(value),
    upper: /[A-Z]/.test(value),
    digit: /[0-9]/.test(value),
    symbol: /[^A-Za-z0-9\s]/.test(value),
  };
}

/** How many distinct characters a value uses. */
export function distinctCharacters(value: string): number {
  return new Set(value).size;
}

/**
 * True for runs like `12345678`, `abcdefgh`, `987654`: every character is the previous one plus
 * or minus one. Such values are fillers, not generated secrets.
 */
export function isSequential(value: string): boolean {
  if (value.length < 4) return false;
  const step = value.charCodeAt(1) - value.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < value.length; i++) {
    if (value.charCodeAt(i) - value.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}
