// Lint rules chosen for this codebase (run by `npm run lint` and in CI). Formatting is Prettier's
// job (eslint-config-prettier turns the style rules off). Where a rule is wrong for one line, that
// line says why in an eslint-disable comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.venv/**', '.cache/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `any` only at typed boundaries (a generic catalogue list), each with its reason.
      '@typescript-eslint/no-explicit-any': 'error',
      // A promise nobody awaits loses its error: an unobserved scan failure would pass silently.
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // An empty catch must say why in a comment (ESLint accepts a block holding a comment).
      'no-empty': ['error', { allowEmptyCatch: false }],
      // The same for promises: `.catch(() => undefined)` or `.catch(() => {})` drops a failure, so
      // the line says why in its eslint-disable comment.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='Identifier'][body.name='undefined']",
          message: 'a dropped promise failure must say why (eslint-disable-next-line ... -- why)',
        },
        {
          selector:
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='BlockStatement'][body.body.length=0]",
          message: 'a dropped promise failure must say why (eslint-disable-next-line ... -- why)',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },
  {
    // One store: SQL and database drivers live in src/store only (the test helper that plays the
    // attacker or an older release is the one exception), so no caller can bypass the store.
    files: ['**/*.ts'],
    ignores: ['src/store/**', 'test/support/raw-database.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'go through src/store (openStore), never a database driver' },
            { name: 'pg', message: 'go through src/store (openStore), never a database driver' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
