import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // The test database harness and factories, which the e2e suite shares with the api's specs.
          allow: ['@roster/api-testing'],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:dto'] },
            { sourceTag: 'scope:dto', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:client'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:client'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:dto', 'scope:client'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
