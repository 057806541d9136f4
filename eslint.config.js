// Lint configuration: the recommended JavaScript and TypeScript rules, a few
// type-checked rules, and the layering of the engine's stages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The engine's stages from the ground up: a stage may import its own and
 * lower ones, never a higher one. Each entry is a folder under engine/ or a
 * file of it (the first entry is the shared base).
 */
const LAYERS = [
  ['model.ts', 'i18n', 'diagnostics.ts', 'errors.ts', 'version.ts', 'order.ts'],
  ['parse'],
  ['graph'],
  ['catalog'],
  ['lint.ts', 'lint-fix.ts'],
  ['journal'],
  ['process'],
  ['run'],
  ['report'],
  ['lab'],
  ['cli'],
];

const filesOf = (entry) => (entry.endsWith('.ts') ? [`engine/${entry}`] : [`engine/${entry}/**/*.ts`]);
const patternsOf = (entry) => (entry.endsWith('.ts') ? [`**/${entry.replace(/\.ts$/, '.js')}`] : [`**/${entry}/*`, `**/${entry}/**`]);

const layering = LAYERS.slice(0, -1).map((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  return {
    files: layer.flatMap(filesOf),
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: higher.flatMap(patternsOf), message: `The ${layer.join(', ')} stage may not import a higher stage (${higher.join(' < ')}); see docs/architecture.md.` }] }],
    },
  };
});

/** The report is made from the journal alone: it never reaches into the run, the process runner or the catalog (and its parse cache). */
const reportAlone = {
  files: ['engine/report/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: ['run', 'process', 'catalog', 'lint.ts', 'lab', 'cli'].flatMap(patternsOf), message: 'The report is built from the journal and the model only; see docs/architecture.md.' }] }],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'bench/results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals instead of an enum.' }],
    },
  },
  {
    files: ['engine/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
    },
  },
  ...layering,
  reportAlone,
);
