module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Service specs run on a real PostgreSQL: a template migrated once per run, cloned per file (src/testing).
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/global-teardown.ts',
  // Creating and dropping a database waits for a checkpoint: seconds on a busy machine, in beforeAll/afterAll.
  testTimeout: 30_000,
};
