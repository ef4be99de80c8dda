// Lint: typescript-eslint for all TypeScript, plus the Lit and web-component
// rules for the widgets and stories.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      '**/custom-elements.json',
      'bench/results.json',
      '.data/**',
      'examples/**/build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['packages/widgets/**/*.ts', 'stories/**/*.ts', '.storybook/**/*.ts', 'examples/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'stories/**/*.ts', '.storybook/**/*.ts', 'examples/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts'],
    rules: {
      'lit/no-classfield-shadowing': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/quoted-expressions': 'off',
      'wc/guard-super-call': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'No innerHTML: render with lit templates.' },
        { selector: "ImportSpecifier[imported.name='unsafeHTML']", message: 'No unsafeHTML: render with lit templates.' },
        {
          selector: "ImportSpecifier[imported.name='styleMap']",
          message: 'styleMap writes a style attribute that a strict CSP blocks: use styleProps from shared/style-props.ts.',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'packages/sandbox/**', '**/*.config.*', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
);
