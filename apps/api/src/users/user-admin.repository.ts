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

const tenantsOf = defineStatement('userAdmin.tenantsOf', (p: Params<{ ids: string[] }>) => sql`
  SELECT user_id AS "userId", tenant_id AS "tenantId" FROM tenant_users WHERE user_id = ANY(${p.ids}::uuid[])`);

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

/** What the administrators' user routes read and change beyond the profile: tenants of a page, sessions. */
@Injectable()
export class UserAdminRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** user id → tenantId, for the users that are in a tenant. */
  async tenantsOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.statements.rows<{ ids: string[] }, { userId: string; tenantId: string }>(tenantsOf, { ids });
    return new Map(rows.map((row) => [row.userId, row.tenantId]));
  }

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
