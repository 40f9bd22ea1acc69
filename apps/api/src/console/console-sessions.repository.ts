import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';

export interface ConsoleSessionState {
  operator: string;
  permissions: string[];
  /** Unix seconds. */
  expiresAt: number;
  ended: boolean;
}

const insertCode = defineStatement('consoleSessions.insertCode', (p: Params<{ codeHash: string; ttlSeconds: number }>) => sql`
  INSERT INTO console_sign_in_codes (code_hash, expires_at) VALUES (${p.codeHash}, now() + make_interval(secs => ${p.ttlSeconds}))`);

/** Used once: the first exchange marks it, a second (or a late one) finds nothing. */
const useCode = defineStatement('consoleSessions.useCode', (p: Params<{ codeHash: string }>) => sql`
  UPDATE console_sign_in_codes SET used_at = now()
   WHERE code_hash = ${p.codeHash} AND used_at IS NULL AND expires_at > now()
  RETURNING code_hash`);

const insertSession = defineStatement('consoleSessions.insert', (p: Params<{ method: string; operator: string; permissions: string[]; ttlSeconds: number }>) => sql`
  INSERT INTO console_sessions (method, operator, permissions, expires_at)
  VALUES (${p.method}, ${p.operator}, ${p.permissions}, now() + make_interval(secs => ${p.ttlSeconds}))
  RETURNING id, floor(extract(epoch FROM expires_at))::bigint AS "expiresAt"`);

const sessionState = defineStatement('consoleSessions.state', (p: Params<{ id: string }>) => sql`
  SELECT operator, permissions, floor(extract(epoch FROM expires_at))::bigint AS "expiresAt", ended_at IS NOT NULL AS ended
    FROM console_sessions WHERE id = ${p.id}`);

const endSession = defineStatement('consoleSessions.end', (p: Params<{ id: string }>) => sql`
  UPDATE console_sessions SET ended_at = now() WHERE id = ${p.id} AND ended_at IS NULL`);

@Injectable()
export class ConsoleSessionsRepository {
  constructor(private readonly statements: StatementRunner) {}

  async insertCode(codeHash: string, ttlSeconds: number, work?: UnitOfWork): Promise<void> {
    await this.statements.count(insertCode, { codeHash, ttlSeconds }, work);
  }

  async useCode(codeHash: string, work: UnitOfWork): Promise<boolean> {
    return (await this.statements.count(useCode, { codeHash }, work)) === 1;
  }

  async insertSession(session: { method: string; operator: string; permissions: string[]; ttlSeconds: number }, work: UnitOfWork): Promise<{ id: string; expiresAt: number }> {
    const row = await this.statements.one<typeof session, { id: string; expiresAt: string }>(insertSession, session, work);
    return { id: row!.id, expiresAt: Number(row!.expiresAt) };
  }

  async state(id: string): Promise<ConsoleSessionState | undefined> {
    const row = await this.statements.one<{ id: string }, { operator: string; permissions: string[]; expiresAt: string; ended: boolean }>(sessionState, { id });
    return row && { operator: row.operator, permissions: row.permissions, expiresAt: Number(row.expiresAt), ended: row.ended };
  }

  async end(id: string, work: UnitOfWork): Promise<boolean> {
    return (await this.statements.count(endSession, { id }, work)) === 1;
  }
}
