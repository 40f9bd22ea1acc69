import { createPublicKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';

export interface UserTokenState {
  /** The user this identity belongs to, if any. */
  userId?: string;
  /** That user's Authress-style userId. */
  publicUserId?: string;
  /** Unix seconds: tokens with `iat` at or before it fail. */
  validAfter?: number;
  /** The user is being deleted. */
  deleting: boolean;
  /** A session with this token's sid, or this exact token, has ended. */
  sessionEnded: boolean;
  /** The open session this token belongs to, if any. */
  sessionId?: string;
  /** Unix seconds: the identity's user was deleted then; older tokens fail. */
  deletedAt?: number;
}

export interface ClientKeyState {
  publicKey: KeyObject;
  revoked: boolean;
  permissions: string[];
}

const forUserToken = defineStatement('credentials.forUserToken', (p: Params<{ issuer: string; subject: string; sid: string | null; hash: string }>) => sql`
  SELECT u.id AS "userId", u.user_id AS "publicUserId", floor(extract(epoch FROM u.tokens_valid_after))::bigint AS "validAfter", u.deleting_at IS NOT NULL AS "deleting",
         (SELECT s.ended_at IS NOT NULL FROM sessions s WHERE (s.issuer = ${p.issuer} AND s.sid = ${p.sid}) OR s.token_hashes @> ARRAY[${p.hash}::text] ORDER BY s.ended_at IS NOT NULL DESC LIMIT 1) AS "ended",
         (SELECT s.id FROM sessions s WHERE s.ended_at IS NULL AND ((s.issuer = ${p.issuer} AND s.sid = ${p.sid}) OR s.token_hashes @> ARRAY[${p.hash}::text]) LIMIT 1) AS "sessionId",
         (SELECT floor(extract(epoch FROM d.deleted_at))::bigint FROM deleted_identities d WHERE d.issuer = ${p.issuer} AND d.subject = ${p.subject}) AS "deletedAt"
    FROM (SELECT 1) AS one
    LEFT JOIN identities i ON i.issuer = ${p.issuer} AND i.subject = ${p.subject}
    LEFT JOIN users u ON u.id = i.user_id`);

const forClientKey = defineStatement('credentials.forClientKey', (p: Params<{ clientId: string; keyId: string }>) => sql`
  SELECT k.public_key AS "publicKey", (k.revoked_at IS NOT NULL OR c.deleted_at IS NOT NULL) AS "revoked", c.permissions
    FROM service_client_keys k JOIN service_clients c ON c.id = k.client_id
   WHERE k.client_id = ${p.clientId} AND k.key_id = ${p.keyId}`);

const touchClientKey = defineStatement('credentials.touchClientKey', (p: Params<{ clientId: string; keyId: string }>) => sql`
  UPDATE service_client_keys SET last_used_at = now()
   WHERE client_id = ${p.clientId} AND key_id = ${p.keyId} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`);

interface UserTokenRow {
  userId: string | null;
  publicUserId: string | null;
  validAfter: string | null;
  deleting: boolean | null;
  ended: boolean | null;
  sessionId: string | null;
  deletedAt: string | null;
}

/** The database facts that decide whether a signature-valid token is still good. One statement each. */
@Injectable()
export class CredentialStateRepository {
  /** Keys this replica recorded as used in the last minute (one entry per key: a small map). */
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly statements: StatementRunner) {}

  async forUserToken(issuer: string, subject: string, sid: string | undefined, hash: string): Promise<UserTokenState> {
    const rows = await this.statements.rows(forUserToken, { issuer, subject, sid: sid ?? null, hash });
    const [row] = rows as UserTokenRow[];
    return {
      userId: row?.userId ?? undefined,
      publicUserId: row?.publicUserId ?? undefined,
      validAfter: row?.validAfter == null ? undefined : Number(row.validAfter),
      deleting: row?.deleting === true,
      sessionEnded: row?.ended === true,
      sessionId: row?.sessionId ?? undefined,
      deletedAt: row?.deletedAt == null ? undefined : Number(row.deletedAt),
    };
  }

  async forClientKey(clientId: string, keyId: string): Promise<ClientKeyState | undefined> {
    const rows = await this.statements.rows(forClientKey, { clientId, keyId });
    const [row] = rows as Array<{ publicKey: string; revoked: boolean; permissions: string[] }>;
    if (!row) return undefined;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: row.publicKey }, format: 'jwk' });
    return { publicKey, revoked: row.revoked, permissions: row.permissions };
  }

  /** Records that a key was just used, at most once a minute per key (shown as `lastUsedTime`). Best effort. */
  async touchClientKey(clientId: string, keyId: string): Promise<void> {
    const key = `${clientId}.${keyId}`;
    if ((this.touchedAt.get(key) ?? 0) > Date.now() - 60_000) return;
    this.touchedAt.set(key, Date.now());
    await this.statements.count(touchClientKey, { clientId, keyId }).catch(() => undefined);
  }
}
