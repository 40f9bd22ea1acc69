/** A uuid as PostgreSQL prints it (lowercase); test case-insensitively where callers may send uppercase. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
