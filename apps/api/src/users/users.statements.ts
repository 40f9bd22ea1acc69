import { defineStatement, Params, sql, SqlTemplate } from '../database/sql';

/**
 * The users area's hand-written statements (written to apps/api/src/queries/users.sql by the `sql` command).
 * A read returns the live user's row with its identities, oldest first, as one json_agg column: one row, one
 * round trip, one prepared form per statement.
 */

export const findUserById = defineStatement('users.findById', (p: Params<{ id: string }>) => sql`
  SELECT u.*,
         (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
         (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
    FROM users u
   WHERE u.id = ${p.id} AND u.deleting_at IS NULL`);

/**
 * What a profile reply shows of the user `u`: a UserProfile's columns (with the userId a UserIdentity adds) and its
 * identities' fields, oldest first. GET /user reads it; the update returns it for the Pieces and the admin reply alike.
 */
const profileColumns = sql`u.id, u.user_id, u.email, u.name, u.username, u.picture, u.vanityname, u.aesthetics, u.created_at, u.updated_at, u.version,
         (SELECT coalesce(json_agg(json_build_object('provider', i.provider, 'issuer', i.issuer, 'subject', i.subject, 'connection', i.connection, 'is_social', i.is_social,
                 'profile_data', i.profile_data, 'created_at', i.created_at, 'updated_at', i.updated_at) ORDER BY i.created_at), '[]')
            FROM identities i WHERE i.user_id = u.id) AS identities`;

/** A UserProfile's columns and its providers' fields, nothing else: the read behind GET /user and /user/refresh. */
export const findUserProfile = defineStatement('users.findProfile', (p: Params<{ id: string }>) => sql`
  SELECT ${profileColumns}
    FROM users u
   WHERE u.id = ${p.id} AND u.deleting_at IS NULL`);

/** A UserIdentity's columns, its linked identities' fields and its tenant: the management API's read of one user. */
const userIdentityRead = (where: SqlTemplate) => sql`
  SELECT u.id, u.user_id, u.name, u.email, u.picture, u.username, u.vanityname, u.created_at, u.updated_at, u.version,
         (SELECT coalesce(json_agg(json_build_object('connection', i.connection, 'issuer', i.issuer, 'subject', i.subject) ORDER BY i.created_at), '[]')
            FROM identities i WHERE i.user_id = u.id) AS identities,
         (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
    FROM users u
   WHERE ${where} AND u.deleting_at IS NULL`;

export const findUserIdentityById = defineStatement('users.findUserIdentityById', (p: Params<{ id: string }>) => userIdentityRead(sql`u.id = ${p.id}`));

export const findUserIdentityByUserId = defineStatement('users.findUserIdentityByUserId', (p: Params<{ userId: string }>) => userIdentityRead(sql`u.user_id = ${p.userId}`));

export const findUserByUserId = defineStatement('users.findByUserId', (p: Params<{ userId: string }>) => sql`
  SELECT u.*,
         (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
         (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
    FROM users u
   WHERE u.user_id = ${p.userId} AND u.deleting_at IS NULL`);

/** Who changes the profile (events/attribution.ts); a null actorId names the user themselves. */
export interface ProfileUpdateAttribution {
  actorType: string;
  actorId: string | null;
  requestId: string | null;
}

export interface ProfileUpdateParams {
  id: string;
  /** Null: any version; else only a row at this version changes. */
  version: number | null;
  setName: boolean;
  name: string | null;
  setUsername: boolean;
  username: string | null;
  setPicture: boolean;
  picture: string | null;
  setVanityname: boolean;
  vanityname: string | null;
  setBeta: boolean;
  beta: string | null;
  /** JSON of `{theme, font}`: each overlays the stored object of that key; other stored keys are dropped. */
  aesthetics: string | null;
}

/**
 * Every editable column in one fixed text (CASE WHEN set THEN value ELSE column END), the version bumped, and
 * its user.updated event recorded (events/events.statements.ts: same columns): one statement is one
 * transaction, so POST /user/update stays one round trip. The repository announces the change after the
 * commit (database/notifier.ts). `o` locks the row as it is before the change (the latest version, after any
 * concurrent writer), so the event names the fields that changed. `t`, the user's tenant, is read once for the
 * event and the reply.
 */
export const updateProfile = defineStatement('users.updateProfile', (p: Params<ProfileUpdateParams & ProfileUpdateAttribution>) => sql`
  WITH o AS (
    SELECT id, name, username, picture, vanityname, beta, aesthetics
      FROM users
     WHERE id = ${p.id} AND deleting_at IS NULL AND version = coalesce(${p.version}, version)
       FOR UPDATE
  ), u AS (
    UPDATE users
       SET name = CASE WHEN ${p.setName} THEN ${p.name} ELSE users.name END,
           username = CASE WHEN ${p.setUsername} THEN ${p.username} ELSE users.username END,
           picture = CASE WHEN ${p.setPicture} THEN ${p.picture} ELSE users.picture END,
           vanityname = CASE WHEN ${p.setVanityname} THEN ${p.vanityname} ELSE users.vanityname END,
           beta = CASE WHEN ${p.setBeta} THEN ${p.beta}::jsonb ELSE users.beta END,
           aesthetics = CASE WHEN ${p.aesthetics}::jsonb IS NULL THEN users.aesthetics ELSE jsonb_build_object(
             'theme', (CASE WHEN jsonb_typeof(users.aesthetics->'theme') = 'object' THEN users.aesthetics->'theme' ELSE '{}' END) || coalesce(${p.aesthetics}::jsonb->'theme', '{}'),
             'font', (CASE WHEN jsonb_typeof(users.aesthetics->'font') = 'object' THEN users.aesthetics->'font' ELSE '{}' END) || coalesce(${p.aesthetics}::jsonb->'font', '{}')) END,
           updated_at = now(),
           version = users.version + 1
      FROM o
     WHERE users.id = o.id AND users.deleting_at IS NULL AND users.version = coalesce(${p.version}, users.version)
    RETURNING users.*
  ), t AS (
    SELECT tenant_id FROM tenant_users WHERE user_id = ${p.id}
  ), e AS (
    INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
    SELECT 'user.updated', ${p.actorType}, coalesce(${p.actorId}, u.user_id), ${p.requestId}, u.user_id, (SELECT tenant_id FROM t),
           jsonb_build_object('fields', to_jsonb(array_remove(ARRAY[
             CASE WHEN u.name IS DISTINCT FROM o.name THEN 'name' END,
             CASE WHEN u.username IS DISTINCT FROM o.username THEN 'username' END,
             CASE WHEN u.picture IS DISTINCT FROM o.picture THEN 'picture' END,
             CASE WHEN u.vanityname IS DISTINCT FROM o.vanityname THEN 'vanityname' END,
             CASE WHEN u.aesthetics IS DISTINCT FROM o.aesthetics THEN 'aesthetics' END,
             CASE WHEN u.beta IS DISTINCT FROM o.beta THEN 'beta' END], NULL)), 'version', u.version)
      FROM u JOIN o ON o.id = u.id
  )
  SELECT ${profileColumns},
         (SELECT tenant_id FROM t) AS tenant
    FROM u`);

/** Marks a live user deleted: invisible to every read from the commit on. */
export const markUserDeleting = defineStatement('users.markDeleting', (p: Params<{ id: string }>) => sql`
  UPDATE users SET deleting_at = now() WHERE id = ${p.id} AND deleting_at IS NULL`);

/** Tombstones of the user's identities: they outlive the rows the deletion job removes, so older tokens stay refused. */
export const tombstoneIdentities = defineStatement('users.tombstoneIdentities', (p: Params<{ id: string }>) => sql`
  INSERT INTO deleted_identities (issuer, subject, deleted_at)
  SELECT issuer, subject, now() FROM identities WHERE user_id = ${p.id}
  ON CONFLICT (issuer, subject) DO UPDATE SET deleted_at = excluded.deleted_at`);

/** Tokens issued before now (to the second, as `iat`) are refused from now on. */
export const revokeUserTokens = defineStatement('users.revokeTokens', (p: Params<{ id: string }>) => sql`
  UPDATE users SET tokens_valid_after = date_trunc('second', now()) WHERE id = ${p.id}`);

/** Locks the live or deleting user row for the unit of work; returns whether it exists. */
export const lockUser = defineStatement('users.lock', (p: Params<{ id: string }>) => sql`
  SELECT id FROM users WHERE id = ${p.id} FOR UPDATE`);

/** Sign-in: the identity (issuer, subject), if linked to a user. */
export const findIdentity = defineStatement('users.findIdentity', (p: Params<{ issuer: string; subject: string }>) => sql`
  SELECT * FROM identities WHERE issuer = ${p.issuer} AND subject = ${p.subject}`);

/** Sign-in: the user row (live or being deleted), locked until the transaction ends. */
export const findUserForUpdate = defineStatement('users.findForUpdate', (p: Params<{ id: string }>) => sql`
  SELECT * FROM users WHERE id = ${p.id} FOR UPDATE`);

export const isUserIdTaken = defineStatement('users.isUserIdTaken', (p: Params<{ userId: string }>) => sql`
  SELECT EXISTS (SELECT 1 FROM users WHERE user_id = ${p.userId}) AS taken`);

/** A first sign-in: the user and its first identity in one round trip; a second identity (issuer, subject) fails as a unique violation. */
export const createUserWithIdentity = defineStatement('users.createWithIdentity', (p: Params<{ userId: string; issuer: string; subject: string; provider: string }>) => sql`
  WITH u AS (
    INSERT INTO users (user_id) VALUES (${p.userId}) RETURNING *
  ), i AS (
    INSERT INTO identities (user_id, issuer, subject, provider, is_social)
    SELECT id, ${p.issuer}, ${p.subject}, ${p.provider}, false FROM u
  )
  SELECT * FROM u`);

export interface SignInColumns {
  id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
  username: string | null;
  /** JSON, or null. */
  metadata: string | null;
}

/**
 * The columns a sign-in sets; the version (the ETag) and updated_at move only when one of them changed, so
 * signing in again with the same claims leaves a client's ETag valid.
 */
export const saveSignIn = defineStatement('users.saveSignIn', (p: Params<SignInColumns>) => {
  // SET expressions read the row as it was: this compares the stored columns with the new values.
  const changed = sql`(email, email_verified, name, picture, username, metadata) IS DISTINCT FROM (${p.email}, ${p.emailVerified}, ${p.name}, ${p.picture}, ${p.username}, ${p.metadata}::jsonb)`;
  return sql`
  WITH u AS (
    UPDATE users
       SET email = ${p.email}, email_verified = ${p.emailVerified}, name = ${p.name}, picture = ${p.picture}, username = ${p.username}, metadata = ${p.metadata}::jsonb,
           updated_at = CASE WHEN ${changed} THEN now() ELSE updated_at END,
           version = CASE WHEN ${changed} THEN version + 1 ELSE version END
     WHERE id = ${p.id}
    RETURNING *
  )
  SELECT u.*,
         (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities
    FROM u`;
});
