/** The unique constraint a failed statement violated, or undefined for any other error. */
export function uniqueViolation(error: unknown): { constraint?: string } | undefined {
  const candidate = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const driver = candidate?.driverError ?? candidate;
  return driver?.code === '23505' ? { constraint: driver.constraint } : undefined;
}

/**
 * Errors that mean the database cannot serve us right now (down, restarting, unreachable, out of
 * connections, or too slow to answer in time), as opposed to a fault in the statement: the caller may retry.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '57014', '53300', '25006', '08000', '08001', '08003', '08004', '08006',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable/i;

export function databaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } } | undefined;
  return [candidate, candidate?.driverError].some(
    (e) => e !== undefined && e !== null && ((typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) || (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message))),
  );
}

/**
 * Errors PostgreSQL raises for the values a statement carried, not for the statement: a NUL character (text
 * cannot hold U+0000), a string or number out of a column's range, a malformed uuid. Validation should have
 * caught them first; when it did not, the caller still sent a value we cannot store.
 */
const INVALID_INPUT_CODES = new Set(['22021', '22P05', '22001', '22003', '22P02']);

export function invalidInput(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && INVALID_INPUT_CODES.has(code);
}
