import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';

export interface OpenSession {
  id: string;
  issuer: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date | null;
}

/** At most the 100 newest: a user with more is one to end all of, not to page through. */
const openSessions = defineStatement('userAdmin.openSessions', (p: Params<{ userId: string }>) => sql`
  SELECT id, issuer, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
    FROM sessions WHERE user_id = ${p.userId} AND ended_at IS NULL
   ORDER BY created_at DESC LIMIT 100`);

const endSessionOf = defineStatement('userAdmin.endSession', (p: Params<{ userId: string; sessionId: string }>) => sql`
  UPDATE sessions SET ended_at = now() WHERE id = ${p.sessionId}::uuid AND user_id = ${p.userId} AND ended_at IS NULL RETURNING id`);

const endSessionsOf = defineStatement('userAdmin.endSessions', (p: Params<{ userId: string }>) => sql`
  UPDATE sessions SET ended_at = now() WHERE user_id = ${p.userId} AND ended_at IS NULL RETURNING id`);

const deletionById = defineStatement('userAdmin.deletionById', (p: Params<{ id: string }>) => sql`
  SELECT deleting_at AS "deletingAt" FROM users WHERE id = ${p.id}::uuid`);
const deletionByUserId = defineStatement('userAdmin.deletionByUserId', (p: Params<{ userId: string }>) => sql`
  SELECT deleting_at AS "deletingAt" FROM users WHERE user_id = ${p.userId}`);

/** What the administrators' user routes read and change beyond the profile: sessions, the deletion's state. */
@Injectable()
export class UserAdminRepository {
  constructor(private readonly statements: StatementRunner) {}

  openSessions(userId: string): Promise<OpenSession[]> {
    return this.statements.rows<{ userId: string }, OpenSession & Record<string, unknown>>(openSessions, { userId });
  }

  /** The user's row as the deletion job sees it: absent (never there, or removed), live (null) or being deleted (since when). */
  async deletion(id: { id: string } | { userId: string }): Promise<{ deletingAt: Date | null } | undefined> {
    return 'id' in id
      ? this.statements.one<{ id: string }, { deletingAt: Date | null }>(deletionById, id)
      : this.statements.one<{ userId: string }, { deletingAt: Date | null }>(deletionByUserId, id);
  }

  /** True when the open session was the user's and is now ended. */
  async endSession(userId: string, sessionId: string, work: UnitOfWork): Promise<boolean> {
    return (await this.statements.rows(endSessionOf, { userId, sessionId }, work)).length === 1;
  }

  /** The ids of the sessions this ended. */
  async endSessions(userId: string, work: UnitOfWork): Promise<string[]> {
    return (await this.statements.rows<{ userId: string }, { id: string }>(endSessionsOf, { userId }, work)).map((row) => row.id);
  }
}
