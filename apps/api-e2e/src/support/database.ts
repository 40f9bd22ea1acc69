// The per-file test database is shared with the api's service specs.
export { createTestDatabase, type TestDatabase } from '@roster/api-testing';
