import { randomBytes } from 'node:crypto';
import { generateAccessKey } from '../clients/access-key';
import { insertRows } from './insert-rows';
import type { Query } from './test-database';

/** Rows as the database returns them (snake_case columns). */
export interface UserRow {
  id: string;
  user_id: string;
  email: string | null;
  email_verified: boolean;
  name: string | null;
  username: string | null;
  picture: string | null;
  vanityname: string | null;
  aesthetics: Record<string, unknown>;
  beta: Record<string, unknown> | null;
  metadata: Record<string, unknown> | null;
  tokens_valid_after: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  deleting_at: Date | null;
}
export interface IdentityRow {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  provider: string;
  connection: string | null;
  is_social: boolean;
  profile_data: Record<string, unknown> | null;
}
export interface SessionRow {
  id: string;
  user_id: string;
  issuer: string;
  sid: string | null;
  token_hashes: string[];
  created_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
  expires_at: Date | null;
}
export interface TenantRow {
  tenant_id: string;
  lookup_identifier: string | null;
  name: string | null;
  domains: string[];
  connection_id: string | null;
  created_at: Date;
}
export interface ClientRow {
  id: string;
  name: string;
  permissions: string[];
  created_at: Date;
  deleted_at: Date | null;
  /** The one key made with the client: `accessKey` is the secret half a caller signs with. */
  key: { keyId: string; accessKey: string; publicKey: string };
}

export interface UserFields {
  /** The public userId; unique by default. */
  userId?: string;
  email?: string | null;
  emailVerified?: boolean;
  name?: string | null;
  username?: string | null;
  picture?: string | null;
  vanityname?: string | null;
  aesthetics?: Record<string, unknown>;
  beta?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  tokensValidAfter?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
  deletingAt?: Date | null;
}
export interface IdentityFields {
  /** The user the identity belongs to (a row from `user()`, or just its id). */
  user: { id: string };
  issuer?: string;
  subject?: string;
  provider?: string;
  connection?: string | null;
  isSocial?: boolean;
  profileData?: Record<string, unknown> | null;
}
export interface SessionFields {
  user: { id: string };
  issuer?: string;
  sid?: string | null;
  tokenHashes?: string[];
  createdAt?: Date;
  lastSeenAt?: Date;
  endedAt?: Date | null;
  expiresAt?: Date | null;
}
export interface TenantFields {
  tenantId?: string;
  lookupIdentifier?: string | null;
  name?: string | null;
  domains?: string[];
  connectionId?: string | null;
  createdAt?: Date;
  /** Users to link to the tenant. */
  users?: Array<{ id: string }>;
}
export interface ClientFields {
  id?: string;
  name?: string;
  permissions?: string[];
  deletedAt?: Date | null;
  /** The account the access key names (Authress `accountId`). */
  accountId?: string;
  keyRevokedAt?: Date | null;
}

export const DEFAULT_ISSUER = 'https://idp.example';

const USER_COLUMNS = {
  userId: 'user_id',
  email: 'email',
  emailVerified: 'email_verified',
  name: 'name',
  username: 'username',
  picture: 'picture',
  vanityname: 'vanityname',
  aesthetics: 'aesthetics',
  beta: 'beta',
  metadata: 'metadata',
  tokensValidAfter: 'tokens_valid_after',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletingAt: 'deleting_at',
};
const IDENTITY_COLUMNS = { userId: 'user_id', issuer: 'issuer', subject: 'subject', provider: 'provider', connection: 'connection', isSocial: 'is_social', profileData: 'profile_data' };
const SESSION_COLUMNS = { userId: 'user_id', issuer: 'issuer', sid: 'sid', tokenHashes: 'token_hashes', createdAt: 'created_at', lastSeenAt: 'last_seen_at', endedAt: 'ended_at', expiresAt: 'expires_at' };
const TENANT_COLUMNS = { tenantId: 'tenant_id', lookupIdentifier: 'lookup_identifier', name: 'name', domains: 'domains', connectionId: 'connection_id', createdAt: 'created_at' };
const CLIENT_COLUMNS = { id: 'id', name: 'name', permissions: 'permissions', deletedAt: 'deleted_at' };
const CLIENT_KEY_COLUMNS = { clientId: 'client_id', keyId: 'key_id', publicKey: 'public_key', revokedAt: 'revoked_at' };

const unique = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

/** `fields` over `defaults`, where a field left undefined keeps its default. */
const withDefaults = <T extends object>(defaults: Record<string, unknown>, fields: T): Record<string, unknown> => ({
  ...defaults,
  ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
});

/**
 * Rows for tests, written through `query` so they work on any connection (a service spec's DataSource, an e2e
 * file's database): `const ada = await factory.user({ name: 'Ada' })`. Unset fields take the column defaults.
 */
export function factories(query: Query) {
  const factory = {
    user: async (fields: UserFields = {}): Promise<UserRow> => (await factory.users([fields]))[0],
    /** Many users in one statement (a page of 250 costs one round trip). */
    users: (rows: UserFields[]): Promise<UserRow[]> => insertRows<UserRow>(query, 'users', USER_COLUMNS, rows.map((row) => withDefaults({ userId: unique('test|') }, row))),
    identity: async ({ user, ...fields }: IdentityFields): Promise<IdentityRow> =>
      (await insertRows<IdentityRow>(query, 'identities', IDENTITY_COLUMNS, [{ ...withDefaults({ issuer: DEFAULT_ISSUER, subject: unique('subject-') }, fields), userId: user.id }]))[0],
    session: async ({ user, ...fields }: SessionFields): Promise<SessionRow> =>
      (await insertRows<SessionRow>(query, 'sessions', SESSION_COLUMNS, [{ ...withDefaults({ issuer: DEFAULT_ISSUER }, fields), userId: user.id }]))[0],
    /** A user with one identity: what signing in once leaves behind. */
    signedUpUser: async (fields: UserFields & { issuer?: string; subject?: string } = {}): Promise<{ user: UserRow; identity: IdentityRow }> => {
      const { issuer, subject, ...userFields } = fields;
      const user = await factory.user(userFields);
      return { user, identity: await factory.identity({ user, issuer, subject }) };
    },
    tenant: async ({ users = [], ...fields }: TenantFields = {}): Promise<TenantRow> => {
      const [tenant] = await insertRows<TenantRow>(query, 'tenants', TENANT_COLUMNS, [withDefaults({ tenantId: unique('ten_') }, fields)]);
      for (const user of users) await factory.tenantUser(tenant, user);
      return tenant;
    },
    tenantUser: async (tenant: { tenant_id: string }, user: { id: string }): Promise<void> => {
      await query(`INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, $2, created_at FROM users WHERE id = $1 ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id`, [user.id, tenant.tenant_id]);
    },
    /** A service client with one Ed25519 key; `client.key.accessKey` signs its tokens. */
    client: async ({ accountId = 'acc_test', keyRevokedAt, ...fields }: ClientFields = {}): Promise<ClientRow> => {
      const [client] = await insertRows<Omit<ClientRow, 'key'>>(query, 'service_clients', CLIENT_COLUMNS, [withDefaults({ id: unique('sc_'), name: 'Test client' }, fields)]);
      const key = generateAccessKey(client.id, accountId);
      await insertRows(query, 'service_client_keys', CLIENT_KEY_COLUMNS, [{ clientId: client.id, keyId: key.keyId, publicKey: key.publicKey, revokedAt: keyRevokedAt }]);
      return { ...client, key };
    },
  };
  return factory;
}

export type Factories = ReturnType<typeof factories>;
