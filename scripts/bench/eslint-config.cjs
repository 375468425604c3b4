/**
 * The ESLint configuration `npm run bench` compares against (issue 9): the recommended rules of
 * eslint-plugin-security, @microsoft/eslint-plugin-sdl and eslint-plugin-no-secrets, with
 * @typescript-eslint/parser for TypeScript. Plain CommonJS so the warm measurement (inside the
 * benchmark) and the cold one (a fresh `node` process, eslint-cold.cjs) use the same objects.
 * These packages are devDependencies of the benchmark only; no bundle imports this file.
 */
'use strict';

const security = require('eslint-plugin-security');
const sdl = require('@microsoft/eslint-plugin-sdl');
const noSecrets = require('eslint-plugin-no-secrets');
const typescriptParser = require('@typescript-eslint/parser');

/** The JS/TS files ESLint lints in the workspace: the same kinds our scan reads. */
const ESLINT_FILES = ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'];

function eslintConfig() {
  return [
    { ignores: ['**/node_modules/**', '**/*.d.ts', '**/*.min.js'] },
    {
      files: ['**/*.{js,cjs,jsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    {
      files: ['**/*.{ts,cts,mts,tsx}'],
      languageOptions: { parser: typescriptParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    ...sdlRecommended(),
    security.configs.recommended,
    { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },
  ];
}

/**
 * SDL's recommended configuration registers its own, older copy of eslint-plugin-security under
 * the same name without enabling any of its rules; ESLint refuses two plugins of one name, so that
 * registration is dropped and eslint-plugin-security's own recommended rules apply.
 */
function sdlRecommended() {
  return sdl.configs.recommended.map((entry) => {
    const plugins = entry.plugins ?? {};
    const usesOwnSecurity = Object.keys(entry.rules ?? {}).some((rule) => rule.startsWith('security/'));
    if (!('security' in plugins) || usesOwnSecurity) return entry;
    const { security: _dropped, ...rest } = plugins;
    return { ...entry, plugins: rest };
  });
}

/** The options of `new ESLint(...)`: no configuration file is looked up, only the above. */
function eslintOptions(cwd) {
  return { cwd, overrideConfigFile: true, overrideConfig: eslintConfig(), cache: false };
}

module.exports = { ESLINT_FILES, eslintConfig, eslintOptions };
