/**
 * The only form in which a secret leaves the engine: messages, data, fix titles, and so the CLI's
 * text, JSON and SARIF output and the editor's diagnostics, never carry more than this.
 */

/**
 * `ghp_… (40 chars)`: the first four characters, enough to tell a GitHub token from a Stripe key
 * and to find the line, then the length. Short values show fewer characters, never more than a
 * quarter of the value, so a masked eight-character password gives away two characters, not half.
 */
export function maskSecret(value: string): string {
  // Count code points, so an emoji is not cut in half and the length matches what a user sees.
  const characters = Array.from(value);
  const shown = Math.min(4, Math.floor(characters.length / 4));
  return `${characters.slice(0, shown).join('')}… (${characters.length} ${characters.length === 1 ? 'char' : 'chars'})`;
}
