module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  // expect(response).toHaveStatus(200), which shows the body when the status is wrong.
  setupFilesAfterEnv: ['<rootDir>/src/support/matchers.ts'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
