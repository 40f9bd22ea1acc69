import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';

const markedAfter = defineStatement('userDeletion.markedAfter', (p: Params<{ after: string; limit: number }>) => sql`
  SELECT id FROM users WHERE deleting_at IS NOT NULL AND id > ${p.after} ORDER BY id LIMIT ${p.limit}`);
const isMarked = defineStatement('userDeletion.isMarked', (p: Params<{ userId: string }>) => sql`
  SELECT 1 FROM users WHERE id = ${p.userId} AND deleting_at IS NOT NULL`);
const lockMarked = defineStatement('userDeletion.lockMarked', (p: Params<{ userId: string }>) => sql`
  SELECT user_id AS "publicUserId" FROM users WHERE id = ${p.userId} AND deleting_at IS NOT NULL FOR UPDATE`);
const deleteIdentities = defineStatement('userDeletion.deleteIdentities', (p: Params<{ userId: string; limit: number }>) => sql`
  DELETE FROM identities WHERE id IN (SELECT id FROM identities WHERE user_id = ${p.userId} LIMIT ${p.limit})`);
const deleteSessions = defineStatement('userDeletion.deleteSessions', (p: Params<{ userId: string; limit: number }>) => sql`
  DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE user_id = ${p.userId} LIMIT ${p.limit})`);
const deleteTenantLink = defineStatement('userDeletion.deleteTenantLink', (p: Params<{ userId: string }>) => sql`
  DELETE FROM tenant_users WHERE user_id = ${p.userId}`);
const deleteUser = defineStatement('userDeletion.deleteUser', (p: Params<{ userId: string }>) => sql`
  DELETE FROM users WHERE id = ${p.userId} AND deleting_at IS NOT NULL`);

/** The user-deletion job's statements: each one idempotent, each deletes a bounded batch and says how many rows. */
@Injectable()
export class UserDeletionRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** Ids of users marked for deletion, in id order after `after`. */
  async markedAfter(after: string, limit: number): Promise<string[]> {
    const rows = await this.statements.rows(markedAfter, { after, limit });
    return (rows as Array<{ id: string }>).map(({ id }) => id);
  }

  async isMarked(userId: string): Promise<boolean> {
    return (await this.statements.rows(isMarked, { userId })).length > 0;
  }

  /** Locks the marked user row until the unit of work ends; its Authress-style userId, or null when it is gone (or live). */
  async lockMarked(userId: string, unit: UnitOfWork): Promise<string | null> {
    return (await this.statements.one<{ userId: string }, { publicUserId: string }>(lockMarked, { userId }, unit))?.publicUserId ?? null;
  }

  async deleteIdentities(userId: string, limit: number): Promise<number> {
    return this.statements.count(deleteIdentities, { userId, limit });
  }

  async deleteSessions(userId: string, limit: number): Promise<number> {
    return this.statements.count(deleteSessions, { userId, limit });
  }

  async deleteTenantLink(userId: string, unit?: UnitOfWork): Promise<number> {
    return this.statements.count(deleteTenantLink, { userId }, unit);
  }

  /** Only a user still marked: a live user is never touched. */
  async deleteUser(userId: string, unit?: UnitOfWork): Promise<number> {
    return this.statements.count(deleteUser, { userId }, unit);
  }
}
