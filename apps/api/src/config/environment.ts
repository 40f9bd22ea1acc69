import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { brokenCrossFieldRule, Purpose } from './cross-field-rules';
import { BooleanSetting, DurationSetting, IntSetting, LONGEST_TIMER_MS, OneOfSetting, PatternSetting, TextSetting } from './setting-decorators';
import { defaultDataDir } from './workspace-root';

/** Every environment variable the service reads, with its default. Validated once, at start. */
export class Environment {
  /** TCP port for HTTP. 39300 is current PiecesOS's port (older Pieces docs say 1000, which needs privileges). */
  @IntSetting({ min: 1, max: 65535 })
  PORT = 39300;

  /** Interface to bind. */
  @TextSetting(1)
  HOST = '127.0.0.1';

  /** PostgreSQL connection URL. Unset or empty: an embedded PostgreSQL is started under ROSTER_DATA_DIR. */
  @PatternSetting(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL', { optional: true })
  DATABASE_URL?: string;

  /** Most connections the service's pool opens to PostgreSQL (each replica has its own pool). */
  @IntSetting({ min: 1 })
  DATABASE_POOL_MAX = 20;

  /** Connections of the second pool that webhook dispatch, delivery and the event feed use, so request load never starves them (nor they requests). */
  @IntSetting({ min: 1, max: 100 })
  DATABASE_BACKGROUND_POOL_MAX = 6;

  /** How long a request waits for a database connection (a new one, or a free one from the pool) before 503. */
  @DurationSetting({ min: 100 })
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  /** Longest a statement may run (PostgreSQL statement_timeout); a server that does not answer a second longer loses the connection. */
  @DurationSetting({ min: 100, max: LONGEST_TIMER_MS - 1000 })
  DATABASE_QUERY_TIMEOUT_MS = 15_000;

  /** Run the hot reads and the profile update as named prepared statements (false behind PgBouncer < 1.21 in transaction mode). */
  @BooleanSetting()
  DATABASE_PREPARED_STATEMENTS = true;

  /** Where the embedded database and generated secrets live. Default: `.data` in the workspace root, whatever the current directory. */
  @TextSetting(1)
  ROSTER_DATA_DIR = defaultDataDir();

  /** Shared by all replicas: signs cursors and encrypts keys. Generated into the data directory in embedded mode. */
  @TextSetting(32, { optional: true })
  ROSTER_SECRET_KEY?: string;

  /** Run pending migrations when the service starts. */
  @BooleanSetting()
  ROSTER_MIGRATE_ON_START = true;

  @OneOfSetting(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The service's public origin; the only source of absolute URLs in responses. */
  @PatternSetting(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http(s) URL without query or fragment', { optional: true })
  PUBLIC_URL?: string;

  /** Comma-separated origins allowed by CORS (e.g. https://app.example.com). Empty: no cross-origin access. */
  @PatternSetting(/^(|\*|https?:\/\/[^/,\s]+(,\s*https?:\/\/[^/,\s]+)*)$/, 'must be a comma-separated list of origins such as https://app.example.com')
  CORS_ORIGINS = '';

  /** Largest accepted request body. */
  @PatternSetting(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
  BODY_LIMIT = '100kb';

  /** Trusted OIDC issuers, comma-separated (exactly as their tokens' `iss`). */
  @PatternSetting(/^(|https?:\/\/[^,\s]+(,\s*https?:\/\/[^,\s]+)*)$/, 'must be a comma-separated list of http(s) issuer URLs')
  OIDC_ISSUERS = '';

  /** The API audience that bearer access tokens must carry. */
  @PatternSetting(/^[^,\s]+$/, 'must be one audience without spaces or commas')
  OIDC_AUDIENCE = 'roster';

  /** Client ids that ID tokens (in the from_token/select bodies) may carry as `aud`, comma-separated. */
  @PatternSetting(/^[^\s]*$/, 'must be a comma-separated list without spaces')
  OIDC_CLIENT_IDS = '';

  /** Per-issuer claim holding end-user permissions: `issuer=claim` pairs separated by spaces. Off when empty. */
  @PatternSetting(/^(|\S+=\S+(\s+\S+=\S+)*)$/, 'must be space-separated issuer=claim pairs')
  OIDC_PERMISSIONS_CLAIMS = '';

  /** Least time between two JWKS refetches of an OIDC issuer on an unknown `kid`. */
  @DurationSetting({ min: 0 })
  OIDC_JWKS_COOLDOWN_MS = 60_000;

  /** Roster's own token issuer (signing key in the database, JWKS at /.well-known/jwks.json). */
  @BooleanSetting()
  ROSTER_OWN_ISSUER = true;

  /** Account id in service-client access keys; their tokens' `aud` is `<id>.accounts.authress.io`. */
  @PatternSetting(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
  ROSTER_ACCOUNT_ID = 'roster';

  /** An access key (clientId.keyId.accountId.privateKey) registered for an all-permission client at start. */
  @PatternSetting(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9+/=]+$/, 'must look like clientId.keyId.accountId.base64PrivateKey', { optional: true })
  ROSTER_BOOTSTRAP_ACCESS_KEY?: string;

  /** Cache verified tokens in memory (revocations still apply within a second on every replica). */
  @BooleanSetting()
  ROSTER_TOKEN_CACHE = true;

  /** A stream subscriber whose unsent frames exceed this many bytes is closed (slow consumer). */
  @IntSetting({ min: 1024 })
  STREAM_MAX_BUFFER_BYTES = 1024 * 1024;

  /** Ping interval of stream connections; one without a pong by the next ping is closed. */
  @DurationSetting({ min: 100 })
  STREAM_HEARTBEAT_MS = 30_000;

  /** Open stream connections allowed per user (more are refused with 429). */
  @IntSetting({ min: 1 })
  STREAM_MAX_PER_USER = 16;

  /** Open stream connections allowed on this replica (more are refused with 503). */
  @IntSetting({ min: 1 })
  STREAM_MAX_CONNECTIONS = 20_000;

  /** Open stream connections allowed per client address on this replica (more are refused with 429); 0: no limit. */
  @IntSetting({ min: 0 })
  STREAM_MAX_PER_IP = 0;

  /** Requests per client address per RATE_LIMIT_WINDOW_MS on this replica (more are 429); 0: no limit. */
  @IntSetting({ min: 0 })
  RATE_LIMIT_PER_IP = 0;

  /** Requests per bearer token per RATE_LIMIT_WINDOW_MS on this replica (more are 429); 0: no limit. */
  @IntSetting({ min: 0 })
  RATE_LIMIT_PER_TOKEN = 0;

  /** The window of the rate limits; a caller over a limit waits for the rest of it (Retry-After). */
  @DurationSetting({ min: 1000 })
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Proxies in front of the service whose X-Forwarded-For entries name the client (0: the socket's address is the client). */
  @IntSetting({ min: 0, max: 10 })
  TRUST_PROXY_HOPS = 0;

  /** Longest a client may take to send a request's headers (slow-loris): then 408 and the connection is closed. */
  @DurationSetting({ min: 1000 })
  HTTP_HEADERS_TIMEOUT_MS = 20_000;

  /** Longest a client may take to send a whole request, body included. At least HTTP_HEADERS_TIMEOUT_MS. */
  @DurationSetting({ min: 1000 })
  HTTP_REQUEST_TIMEOUT_MS = 60_000;

  /** The console's OIDC provider (authorization code with PKCE); unset: sign-in links only. */
  @PatternSetting(/^https?:\/\/\S+$/, 'must be an http(s) issuer URL', { optional: true })
  CONSOLE_OIDC_ISSUER?: string;

  /** The console's client id at CONSOLE_OIDC_ISSUER (a public client: no secret). */
  @PatternSetting(/^\S{1,256}$/, 'must be a client id without spaces', { optional: true })
  CONSOLE_OIDC_CLIENT_ID?: string;

  /** How long a console session lasts (at most 8 hours). */
  @DurationSetting({ min: 60_000, max: 8 * 3600 * 1000 })
  CONSOLE_SESSION_TTL_MS = 8 * 3600 * 1000;

  /**
   * Print a one-time console sign-in link at start. Unset: only on the embedded database (local use); a
   * production start does not put an all-permission credential on stderr each time (`cli console-link` does, on demand).
   */
  @BooleanSetting({ optional: true })
  CONSOLE_SIGN_IN_LINK?: boolean;

  /** Tests only: a pause before each batch of the user-deletion job, so a test can crash it midway. */
  @IntSetting({ min: 0, max: 60_000 })
  ROSTER_TEST_DELETE_BATCH_DELAY_MS = 0;

  /** Days events are kept (GET /v1/events, the feed, webhook redelivery); older ones are purged in small batches. */
  @IntSetting({ min: 1, max: 36_500 })
  EVENTS_RETENTION_DAYS = 90;

  /** How often events older than EVENTS_RETENTION_DAYS are purged (a pg-boss job, one replica at a time). */
  @DurationSetting({ min: 1000 })
  EVENTS_PURGE_INTERVAL_MS = 3_600_000;

  /** How often ended and expired sessions are pruned (a pg-boss job, one replica at a time). */
  @DurationSetting({ min: 1000 })
  SESSIONS_PRUNE_INTERVAL_MS = 3_600_000;

  /** Lets webhooks use http and private, loopback and link-local addresses (local use and tests only). */
  @BooleanSetting()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;

  /** Longest a webhook delivery waits for the endpoint's TCP connection. */
  @DurationSetting({ min: 100, max: 60_000 })
  WEBHOOK_CONNECT_TIMEOUT_MS = 5000;

  /** Longest a webhook delivery attempt takes in all (connect, send, response). */
  @DurationSetting({ min: 100, max: 300_000 })
  WEBHOOK_TIMEOUT_MS = 15_000;

  /** The first retry's delay; each later one is 4 times longer (at most 4 hours), with jitter. */
  @DurationSetting({ min: 10, max: 3_600_000 })
  WEBHOOK_RETRY_BASE_MS = 5000;

  /** How long a delivery is retried, and how long an endpoint may fail before it is disabled. */
  @DurationSetting({ min: 1000 })
  WEBHOOK_RETRY_WINDOW_MS = 86_400_000;

  /** Deliveries in flight to one endpoint at once, over all replicas: a slow endpoint holds no more senders (a failing one holds one). */
  @IntSetting({ min: 1, max: 1000 })
  WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT = 64;

  /** Deliveries in flight at once on this replica. */
  @IntSetting({ min: 1, max: 10_000 })
  WEBHOOK_CONCURRENCY = 256;

  /** How often a replica looks for due deliveries besides being woken (retries, other replicas' dispatches). */
  @DurationSetting({ min: 10, max: 60_000 })
  WEBHOOK_POLL_MS = 500;

  /** How long in-flight requests may take to finish on shutdown before the process exits anyway. */
  @DurationSetting({ min: 0 })
  SHUTDOWN_TIMEOUT_MS = 10_000;
}

/** Every variable of the schema, optional ones included (they have no default to list them). */
const SETTING_NAMES = new Set(getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false).map((rule) => rule.propertyName));

export class EnvironmentError extends Error {}

/**
 * Parses and validates `env`, then the rules between variables (more of them for the service than for a CLI
 * `command`); throws an EnvironmentError whose message is one line naming the variable.
 */
export function parseEnvironment(env: NodeJS.ProcessEnv, purpose: Purpose = 'command'): Environment {
  const present = Object.fromEntries(Object.entries(env).filter(([key]) => SETTING_NAMES.has(key)));
  const parsed = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    throw new EnvironmentError(`Invalid environment: ${message}`);
  }
  const broken = brokenCrossFieldRule(parsed, purpose);
  if (broken) throw new EnvironmentError(`Invalid environment: ${broken}`);
  return parsed;
}
