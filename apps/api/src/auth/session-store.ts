import { EntityManager } from 'typeorm';

export interface SessionKey {
  userId: string;
  issuer: string;
  /** The token's `sid` claim; without it the session is keyed on the hashes of the tokens presented. */
  sid?: string;
  tokenHashes: string[];
  /** The latest `exp` among the tokens presented: the ended session must outlive it (see SessionPruningJob). */
  expiresAt: Date;
}

/**
 * Starts a session, or reuses the open one with this sid or any of these tokens: signing in again with the
 * same token must not add a row each time. Serialized per key, so concurrent sign-ins share one row.
 */
export async function openSession(manager: EntityManager, key: SessionKey): Promise<void> {
  const hashes = key.sid ? [] : [...key.tokenHashes].sort();
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key.sid ? `sid ${key.issuer} ${key.sid}` : `tokens ${hashes.join(' ')}`]);
  const match = `"issuer" = $2 AND ${key.sid ? `"sid" = $3` : `"sid" IS NULL AND "token_hashes" && $3::text[]`}`;
  const [open]: Array<{ id: string }> = await manager.query(
    `SELECT "id" FROM "sessions" WHERE "user_id" = $1 AND "ended_at" IS NULL AND ${match} LIMIT 1`,
    [key.userId, key.issuer, key.sid ? key.sid : hashes],
  );
  if (open) {
    await manager.query(
      `UPDATE "sessions" SET "last_seen_at" = now(), "expires_at" = greatest("expires_at", $2),
              "token_hashes" = ARRAY(SELECT DISTINCT unnest("token_hashes" || $3::text[]))
        WHERE "id" = $1`,
      [open.id, key.expiresAt, hashes],
    );
    return;
  }
  await manager.query(
    `INSERT INTO "sessions" ("user_id", "issuer", "sid", "token_hashes", "expires_at") VALUES ($1, $2, $3, $4, $5)`,
    [key.userId, key.issuer, key.sid ?? null, hashes, key.expiresAt],
  );
}
