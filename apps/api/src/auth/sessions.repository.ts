import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';

export interface SessionKey {
  userId: string;
  issuer: string;
  /** The token's `sid` claim; without it the session is keyed on the hashes of the tokens presented. */
  sid?: string;
  tokenHashes: string[];
  /** The latest `exp` among the tokens presented: the ended session must outlive it (see SessionPruningJob). */
  expiresAt: Date;
}

const lockKey = defineStatement('sessions.lockKey', (p: Params<{ key: string }>) => sql`SELECT pg_advisory_xact_lock(hashtext(${p.key}))`);

const findOpenBySid = defineStatement('sessions.findOpenBySid', (p: Params<{ userId: string; issuer: string; sid: string }>) => sql`
  SELECT id FROM sessions
   WHERE user_id = ${p.userId} AND ended_at IS NULL AND issuer = ${p.issuer} AND sid = ${p.sid}
   LIMIT 1`);

const findOpenByTokens = defineStatement('sessions.findOpenByTokens', (p: Params<{ userId: string; issuer: string; hashes: string[] }>) => sql`
  SELECT id FROM sessions
   WHERE user_id = ${p.userId} AND ended_at IS NULL AND issuer = ${p.issuer} AND sid IS NULL AND token_hashes && ${p.hashes}::text[]
   LIMIT 1`);

const reuse = defineStatement('sessions.reuse', (p: Params<{ id: string; expiresAt: Date; hashes: string[] }>) => sql`
  UPDATE sessions
     SET last_seen_at = now(), expires_at = greatest(expires_at, ${p.expiresAt}),
         token_hashes = ARRAY(SELECT DISTINCT unnest(token_hashes || ${p.hashes}::text[]))
   WHERE id = ${p.id}`);

const start = defineStatement('sessions.start', (p: Params<{ userId: string; issuer: string; sid: string | null; hashes: string[]; expiresAt: Date; endedAt: Date | null }>) => sql`
  INSERT INTO sessions (user_id, issuer, sid, token_hashes, expires_at, ended_at)
  VALUES (${p.userId}, ${p.issuer}, ${p.sid}, ${p.hashes}, ${p.expiresAt}, ${p.endedAt})`);

const endOne = defineStatement('sessions.end', (p: Params<{ id: string; expiresAt: Date }>) => sql`
  UPDATE sessions SET ended_at = now(), expires_at = greatest(expires_at, ${p.expiresAt}) WHERE id = ${p.id}`);

const endAll = defineStatement('sessions.endAll', (p: Params<{ userId: string }>) => sql`
  UPDATE sessions SET ended_at = now() WHERE user_id = ${p.userId} AND ended_at IS NULL`);

/** Every statement on sessions; each runs in the caller's unit of work. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly statements: StatementRunner) {}

  /**
   * Starts a session, or reuses the open one with this sid or any of these tokens: signing in again with the
   * same token must not add a row each time. Serialized per key, so concurrent sign-ins share one row.
   */
  async startOrReuse(key: SessionKey, work: UnitOfWork): Promise<void> {
    const hashes = key.sid ? [] : [...key.tokenHashes].sort();
    await this.statements.rows(lockKey, { key: key.sid ? `sid ${key.issuer} ${key.sid}` : `tokens ${hashes.join(' ')}` }, work);
    const open = key.sid
      ? await this.statements.one<{ userId: string; issuer: string; sid: string }, { id: string }>(findOpenBySid, { userId: key.userId, issuer: key.issuer, sid: key.sid }, work)
      : await this.statements.one<{ userId: string; issuer: string; hashes: string[] }, { id: string }>(findOpenByTokens, { userId: key.userId, issuer: key.issuer, hashes }, work);
    if (open) await this.statements.count(reuse, { id: open.id, expiresAt: key.expiresAt, hashes }, work);
    else await this.statements.count(start, { userId: key.userId, issuer: key.issuer, sid: key.sid ?? null, hashes, expiresAt: key.expiresAt, endedAt: null }, work);
  }

  /** Ends session `id`; its row must outlive a token that expires at `expiresAt`. */
  async endSession(id: string, expiresAt: Date, work: UnitOfWork): Promise<void> {
    await this.statements.count(endOne, { id, expiresAt }, work);
  }

  /** Records an already-ended session for a token that had none, so that token fails from now on. */
  async recordEnded(key: SessionKey, work: UnitOfWork): Promise<void> {
    await this.statements.count(start, { userId: key.userId, issuer: key.issuer, sid: key.sid ?? null, hashes: key.tokenHashes, expiresAt: key.expiresAt, endedAt: new Date() }, work);
  }

  /** Ends every open session of the user. */
  async endSessions(userId: string, work: UnitOfWork): Promise<void> {
    await this.statements.count(endAll, { userId }, work);
  }
}
