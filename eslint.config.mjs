import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'reports/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest decorators and DTO classes are used through metadata, not code references.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:port', onlyDependOnLibsWithTags: ['type:util'] },
            // Adapters may use the shared conformance suite (type:testing) in their specs, and the
            // SQL code every read-model adapter shares (type:adapter-kit).
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: [
                'type:adapter-kit',
                'type:port',
                'type:application',
                'type:domain',
                'type:testing',
                'type:util',
              ],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:port', 'type:util'] },
            {
              sourceTag: 'type:adapter-kit',
              onlyDependOnLibsWithTags: ['type:port', 'type:application', 'type:domain', 'type:util'],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:application', 'type:domain', 'type:port', 'type:util'],
            },
            // Sample data for the demo and benchmarks: built on the domain, used only by the app's CLI and tests.
            {
              sourceTag: 'type:sample-data',
              onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:port', 'type:util'],
            },
            // The console talks to the system over the public API only: no library of the server.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:application',
                'type:domain',
                'type:port',
                'type:adapter',
                'type:sample-data',
                'type:util',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no Node built-ins, no I/O.
    files: ['libs/licensing/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'rxjs', 'rxjs/*', 'class-validator', 'better-sqlite3'],
              message: 'The domain imports no framework or I/O.',
            },
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'child_process'],
              message: 'The domain imports nothing from Node.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain is deterministic.',
        },
      ],
    },
  },
  {
    // The same seed and today must give the same sample history: no clock, no unseeded chance.
    files: ['libs/licensing/sample-data/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Today comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Today comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Chance comes from the seeded generator.',
        },
      ],
    },
  },
  {
    // The console: React's rules of hooks and the static accessibility checks of JSX.
    files: ['apps/console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Shared test suites (*.suite.ts) are test code too.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.suite.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
