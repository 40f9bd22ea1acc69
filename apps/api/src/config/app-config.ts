import { SECRET_KEY_RULE } from './cross-field-rules';
import { Environment, EnvironmentError } from './environment';

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  /** The origin used for absolute URLs: PUBLIC_URL, else the address we listen on. Never a request's Host. */
  readonly publicUrl: string;
  /** `['*']` allows any origin; empty allows none. */
  readonly corsOrigins: string[];
  readonly bodyLimit: string;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Proxies in front whose X-Forwarded-For entries name the client. */
  readonly trustProxyHops: number;
  readonly shutdownTimeoutMs: number;
}

export interface DatabaseConfig {
  /** The database in use: DATABASE_URL, or the embedded server start-up opened. */
  readonly url: string;
  readonly embedded: boolean;
  readonly poolMax: number;
  /** The background pool's size: see DATABASE_BACKGROUND_POOL_MAX. */
  readonly backgroundPoolMax: number;
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
  readonly preparedStatements: boolean;
  readonly migrateOnStart: boolean;
}

export interface AuthConfig {
  /** Trusted OIDC issuers, without trailing slashes. */
  readonly oidcIssuers: string[];
  /** The audience bearer access tokens must carry. */
  readonly oidcAudience: string;
  /** Audiences accepted for ID tokens in sign-in bodies. */
  readonly oidcClientIds: string[];
  /** issuer → claim that carries end-user permissions (explicit configuration only). */
  readonly permissionClaims: ReadonlyMap<string, string>;
  readonly jwksCooldownMs: number;
  readonly ownIssuer: boolean;
  readonly accountId: string;
  /** `aud` of service-client tokens. */
  readonly serviceClientAudience: string;
  readonly bootstrapAccessKey?: string;
  readonly tokenCache: boolean;
}

export interface StreamConfig {
  readonly maxBufferBytes: number;
  readonly heartbeatMs: number;
  readonly maxPerUser: number;
  readonly maxConnections: number;
  /** 0: no limit. */
  readonly maxPerIp: number;
}

/** Requests per window on this replica; 0: no limit. */
export interface RateLimitConfig {
  readonly perIp: number;
  readonly perToken: number;
  readonly windowMs: number;
}

export interface JobsConfig {
  readonly sessionsPruneIntervalMs: number;
  readonly eventsRetentionDays: number;
  readonly eventsPurgeIntervalMs: number;
  /** Tests only. */
  readonly testDeleteBatchDelayMs: number;
}

export interface ConsoleConfig {
  /** The console's OIDC issuer, without trailing slashes; undefined: sign-in links only. */
  readonly oidcIssuer?: string;
  readonly oidcClientId?: string;
  readonly sessionTtlMs: number;
  readonly signInLinkAtStart: boolean;
}

export interface WebhooksConfig {
  readonly allowPrivateNetworks: boolean;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryWindowMs: number;
  readonly maxInFlightPerEndpoint: number;
  readonly concurrency: number;
  readonly pollMs: number;
}

/**
 * The validated settings, grouped by what they configure, plus what start-up resolved (database, secret).
 * Built once at start and injected everywhere by class; nothing after start-up reads variable names.
 */
export class AppConfig {
  readonly http: HttpConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly stream: StreamConfig;
  readonly rateLimit: RateLimitConfig;
  readonly jobs: JobsConfig;
  readonly console: ConsoleConfig;
  readonly webhooks: WebhooksConfig;
  readonly logLevel: string;
  /** Embedded database and generated secrets. */
  readonly dataDir: string;

  /** `secretKey` undefined: a CLI command that seals and signs nothing (reading secretKey then throws the rule). */
  constructor(env: Environment, databaseUrl: string, private readonly secret: string | undefined, embedded: boolean) {
    this.http = httpConfig(env);
    this.database = {
      url: databaseUrl,
      embedded,
      poolMax: env.DATABASE_POOL_MAX,
      backgroundPoolMax: env.DATABASE_BACKGROUND_POOL_MAX,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      migrateOnStart: env.ROSTER_MIGRATE_ON_START,
    };
    this.auth = authConfig(env);
    this.stream = {
      maxBufferBytes: env.STREAM_MAX_BUFFER_BYTES,
      heartbeatMs: env.STREAM_HEARTBEAT_MS,
      maxPerUser: env.STREAM_MAX_PER_USER,
      maxConnections: env.STREAM_MAX_CONNECTIONS,
      maxPerIp: env.STREAM_MAX_PER_IP,
    };
    this.rateLimit = { perIp: env.RATE_LIMIT_PER_IP, perToken: env.RATE_LIMIT_PER_TOKEN, windowMs: env.RATE_LIMIT_WINDOW_MS };
    this.jobs = {
      sessionsPruneIntervalMs: env.SESSIONS_PRUNE_INTERVAL_MS,
      eventsRetentionDays: env.EVENTS_RETENTION_DAYS,
      eventsPurgeIntervalMs: env.EVENTS_PURGE_INTERVAL_MS,
      testDeleteBatchDelayMs: env.ROSTER_TEST_DELETE_BATCH_DELAY_MS,
    };
    this.console = {
      oidcIssuer: env.CONSOLE_OIDC_ISSUER?.replace(/\/+$/, ''),
      oidcClientId: env.CONSOLE_OIDC_CLIENT_ID,
      sessionTtlMs: env.CONSOLE_SESSION_TTL_MS,
      signInLinkAtStart: env.CONSOLE_SIGN_IN_LINK ?? embedded,
    };
    this.webhooks = {
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      connectTimeoutMs: env.WEBHOOK_CONNECT_TIMEOUT_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryWindowMs: env.WEBHOOK_RETRY_WINDOW_MS,
      maxInFlightPerEndpoint: env.WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT,
      concurrency: env.WEBHOOK_CONCURRENCY,
      pollMs: env.WEBHOOK_POLL_MS,
    };
    this.logLevel = env.LOG_LEVEL;
    this.dataDir = env.ROSTER_DATA_DIR;
  }

  /** Encrypts the signing key and stored refresh tokens, signs cursors: resolveSecretKey's, shared by all replicas. */
  get secretKey(): string {
    if (this.secret === undefined) throw new EnvironmentError(`Invalid environment: ${SECRET_KEY_RULE.message}`);
    return this.secret;
  }
}

export function httpConfig(env: Environment): HttpConfig {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://${host}:${env.PORT}`).replace(/\/+$/, ''),
    corsOrigins: split(env.CORS_ORIGINS, ','),
    bodyLimit: env.BODY_LIMIT,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}

export function authConfig(env: Environment): AuthConfig {
  const withoutTrailingSlash = (issuer: string) => issuer.replace(/\/+$/, '');
  return {
    oidcIssuers: split(env.OIDC_ISSUERS, ',').map(withoutTrailingSlash),
    oidcAudience: env.OIDC_AUDIENCE,
    oidcClientIds: split(env.OIDC_CLIENT_IDS, ','),
    permissionClaims: new Map(
      split(env.OIDC_PERMISSIONS_CLAIMS, ' ').map((pair) => {
        const at = pair.lastIndexOf('=');
        return [withoutTrailingSlash(pair.slice(0, at)), pair.slice(at + 1)];
      }),
    ),
    jwksCooldownMs: env.OIDC_JWKS_COOLDOWN_MS,
    ownIssuer: env.ROSTER_OWN_ISSUER,
    accountId: env.ROSTER_ACCOUNT_ID,
    serviceClientAudience: `${env.ROSTER_ACCOUNT_ID}.accounts.authress.io`,
    bootstrapAccessKey: env.ROSTER_BOOTSTRAP_ACCESS_KEY,
    tokenCache: env.ROSTER_TOKEN_CACHE,
  };
}

function split(list: string, separator: string): string[] {
  return list.split(separator).map((item) => item.trim()).filter(Boolean);
}
