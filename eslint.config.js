import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering: engine is pure and portable; the renderer knows nothing of Electron; only the preload
// touches ipcRenderer. These rules keep the arrows one-way.
const noImport = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'engine/kernels/build/**', '**/*.wasm'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': noImport(
        ['**/renderer/**', '**/electron/**', 'electron', 'react', 'react-dom', '@xyflow/*'],
        'engine/ is pure: it imports nothing from renderer/, electron/ or UI libraries.',
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': noImport(
        ['**/electron/**', 'electron', '**/engine/runtime/**', '**/engine/kernels/**', 'node:*', 'fs', 'path'],
        'renderer/ talks to the Host interface and engine/model only; never to Electron, Node or the runtime directly.',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': noImport(['**/renderer/**'], 'electron/ never imports renderer code.'),
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Only the preload touches ipcRenderer.' },
      ],
    },
  },
);
