// Lint enforces the architecture (DESIGN §4): imports flow inward, electron only in main/preload,
// node:* never in shared/ or renderer/, one alias (#shared) and no climbing out with ../../.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noDeepRelative = { group: ['../../*'], message: 'Use #shared/… or a nearer module; no ../../ climbing.' };
// renderer/src/features/<screen>/ reaches renderer/src/{components,lib,api} two levels up, never further.
const noClimbOutOfRenderer = { group: ['../../../*'], message: 'Use #shared/…; the renderer never climbs out of renderer/src.' };
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3'], message: 'shared/ and renderer/ run in the browser: no Node APIs.' };
const noHost = (from) => ({ group: ['**/electron/**', '**/host/**', '**/main/**', '**/hub/**', '**/cli/**'], message: `${from} must not import the app core.` });
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };

const restrict = (...patterns) => ['error', { patterns }];

// User-facing text lives in one catalog (shared/i18n): code carries a key and parameters. Chinese
// that is data, not prose (export column names, province names, carrier names), sits in files that
// say so with an eslint-disable comment and its reason.
const CJK = '[\\u3400-\\u9fff\\uff01-\\uff5e\\u3000-\\u303f]';
const noCjkText = [
  'error',
  { selector: `Literal[value=/${CJK}/]`, message: 'User-facing text goes in shared/i18n as a key plus parameters, not a Chinese literal in code.' },
  { selector: `TemplateElement[value.raw=/${CJK}/]`, message: 'User-facing text goes in shared/i18n as a key plus parameters, not a Chinese literal in code.' },
  { selector: `JSXText[value=/${CJK}/]`, message: 'User-facing text goes in shared/i18n as a key plus parameters, not Chinese text in JSX.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': restrict(noDeepRelative),
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': restrict(noDeepRelative, noElectron, noNode, noHost('shared/'), noRenderer) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(noClimbOutOfRenderer, noElectron, noNode, noHost('renderer/')) },
  },
  // Adapters to online providers: used by the station core and by the hub, knowing neither.
  {
    files: ['electron/providers/**/*.ts'],
    ignores: ['electron/providers/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(noDeepRelative, noElectron, noRenderer, { group: ['**/host/**', '**/hub/**', '**/main/**', '**/cli/**'], message: 'Provider adapters know neither the station core nor the hub.' }) },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(noDeepRelative, noElectron, noRenderer) },
  },
  // The station core and the hub meet only on the wire (shared/contract) and in the composition roots.
  {
    files: ['electron/host/**/*.ts'],
    ignores: ['electron/host/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(noDeepRelative, noElectron, noRenderer, { group: ['**/hub/**'], message: 'The host reaches the hub only over the wire (HubTransport) or a port.' }) },
  },
  {
    files: ['electron/hub/**/*.ts'],
    ignores: ['electron/hub/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(noDeepRelative, noElectron, noRenderer, { group: ['**/host/**'], message: 'The hub shares only #shared/ with the station core.' }) },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(noDeepRelative, noRenderer, {
        group: ['**/host/**', '**/main/**', '#shared/contract/*', '#shared/domain/*'],
        message: 'preload may import only electron and shared/rpc types.',
      }),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(noRenderer) },
  },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'renderer/src/test/**'],
    rules: { 'no-restricted-syntax': noCjkText },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', 'scripts/**/*.js', '*.config.{js,ts}'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
