// Shared Jest settings: ts-jest without type checking (the typecheck target does that once).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
    // The client libraries import with `.js` (ESM); Jest resolves the `.ts` beside it.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
