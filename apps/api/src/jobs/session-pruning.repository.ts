import { Injectable } from '@nestjs/common';
import { CLOCK_SKEW_SECONDS } from '../auth/token-verifier.service';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';

/**
 * Sessions no token can still use. An ended row is what makes its tokens fail after `clear`, so it stays until
 * the latest `exp` its tokens had (plus clock skew); a row keyed on `sid` stays a day longer, for tokens with
 * that sid it never saw. An open row may go once its tokens expired: a token without a session is still
 * accepted, so removing one revives nothing. Rows with no known expiry (before it was recorded) stay.
 */
const deletePrunable = defineStatement('sessionPruning.deleteBatch', (p: Params<{ skewSeconds: number; limit: number }>) => sql`
  DELETE FROM "sessions" WHERE "id" IN (
    SELECT "id" FROM "sessions"
     WHERE "expires_at" < now() - make_interval(secs => ${p.skewSeconds})
       AND ("ended_at" IS NULL OR "sid" IS NULL OR "expires_at" < now() - interval '1 day')
     LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);

@Injectable()
export class SessionPruningRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** Deletes up to `limit` prunable sessions; the number deleted. */
  async deleteBatch(limit: number): Promise<number> {
    return this.statements.count(deletePrunable, { skewSeconds: CLOCK_SKEW_SECONDS, limit });
  }
}
