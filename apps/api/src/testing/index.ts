// What the e2e suite shares with the api's specs (imported there as @roster/api-testing). Only code that runs
// without the api's modules belongs here; service specs also use ./service-database.
export { withDatabase } from './database-url';
export { createTestDatabase, type Query, type TestDatabase } from './test-database';
export { setUpTemplateDatabase, tearDownTemplateDatabase, ADMIN_URL_VARIABLE } from './test-database-server';
export * from './factories';
export { eventually } from './eventually';
