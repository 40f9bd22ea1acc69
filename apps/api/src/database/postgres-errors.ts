/** A uuid as PostgreSQL prints it (lowercase); test case-insensitively where callers may send uppercase. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The unique constraint a failed statement violated, or undefined for any other error. */
export function uniqueViolation(error: unknown): { constraint?: string } | undefined {
  const candidate = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const driver = candidate?.driverError ?? candidate;
  return driver?.code === '23505' ? { constraint: driver.constraint } : undefined;
}
