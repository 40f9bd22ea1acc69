import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';

/**
 * Console sign-in codes and console sessions a day after they expired: a code is refused after its expiry and a
 * session's token carries its expiry, so neither row decides anything once the time has passed (the day is margin
 * for clock skew between replicas).
 */
const deleteCodes = defineStatement('consolePruning.deleteCodes', (p: Params<{ limit: number }>) => sql`
  DELETE FROM console_sign_in_codes WHERE code_hash IN (
    SELECT code_hash FROM console_sign_in_codes WHERE expires_at < now() - interval '1 day' LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);

const deleteSessions = defineStatement('consolePruning.deleteSessions', (p: Params<{ limit: number }>) => sql`
  DELETE FROM console_sessions WHERE id IN (
    SELECT id FROM console_sessions WHERE expires_at < now() - interval '1 day' LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);

@Injectable()
export class ConsolePruningRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** Deletes up to `limit` expired codes and up to `limit` expired sessions; the larger of the two counts. */
  async deleteBatch(limit: number): Promise<number> {
    const codes = await this.statements.count(deleteCodes, { limit });
    const sessions = await this.statements.count(deleteSessions, { limit });
    return Math.max(codes, sessions);
  }
}
