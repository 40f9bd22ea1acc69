import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { defaultDataDir } from './workspace-root';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toInteger = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every environment variable the service reads, with its default. Validated once, at start. */
export class Environment {
  /** TCP port for HTTP. 39300 is current PiecesOS's port (older Pieces docs say 1000, which needs privileges). */
  // class-validator runs decorators bottom-up: the type check must come last to be reported first.
  @Max(65535, { message: 'PORT must be between 1 and 65535' }) @Min(1, { message: 'PORT must be between 1 and 65535' }) @IsInt({ message: 'PORT must be a number' }) @Transform(toInteger)
  PORT = 39300;

  /** Interface to bind. */
  @IsString() @MinLength(1)
  HOST = '127.0.0.1';

  /** PostgreSQL connection URL. Unset or empty: an embedded PostgreSQL is started under ROSTER_DATA_DIR. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Most connections the service's pool opens to PostgreSQL (each replica has its own pool). */
  @Min(1, { message: 'DATABASE_POOL_MAX must be at least 1' }) @IsInt({ message: 'DATABASE_POOL_MAX must be a number' }) @Transform(toInteger)
  DATABASE_POOL_MAX = 20;

  /** How long a request waits for a database connection (a new one, or a free one from the pool) before 503. */
  @Min(100, { message: 'DATABASE_CONNECT_TIMEOUT_MS must be at least 100' }) @IsInt({ message: 'DATABASE_CONNECT_TIMEOUT_MS must be a number' }) @Transform(toInteger)
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  /** Longest a statement may run (PostgreSQL statement_timeout); a server that does not answer a second longer loses the connection. */
  @Min(100, { message: 'DATABASE_QUERY_TIMEOUT_MS must be at least 100' }) @IsInt({ message: 'DATABASE_QUERY_TIMEOUT_MS must be a number' }) @Transform(toInteger)
  DATABASE_QUERY_TIMEOUT_MS = 15_000;

  /** Run the hot reads and the profile update as named prepared statements (false behind PgBouncer < 1.21 in transaction mode). */
  @Transform(toBoolean) @IsBoolean({ message: 'DATABASE_PREPARED_STATEMENTS must be true or false' })
  DATABASE_PREPARED_STATEMENTS = true;

  /** Where the embedded database and generated secrets live. Default: `.data` in the workspace root, whatever the current directory. */
  @IsString() @MinLength(1)
  ROSTER_DATA_DIR = defaultDataDir();

  /** Shared by all replicas: signs cursors and encrypts keys. Generated into the data directory in embedded mode. */
  @Transform(emptyToUndefined) @IsOptional() @MinLength(32, { message: 'ROSTER_SECRET_KEY must be at least 32 characters' })
  ROSTER_SECRET_KEY?: string;

  /** Run pending migrations when the service starts. */
  @Transform(toBoolean) @IsBoolean({ message: 'ROSTER_MIGRATE_ON_START must be true or false' })
  ROSTER_MIGRATE_ON_START = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';

  /** The service's public origin; the only source of absolute URLs in responses. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL without query or fragment' })
  PUBLIC_URL?: string;

  /** Comma-separated origins allowed by CORS (e.g. https://app.example.com). Empty: no cross-origin access. */
  @IsString() @Matches(/^(|\*|https?:\/\/[^/,\s]+(,\s*https?:\/\/[^/,\s]+)*)$/, { message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com' })
  CORS_ORIGINS = '';

  /** Largest accepted request body. */
  @IsString() @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '100kb';

  /** Trusted OIDC issuers, comma-separated (exactly as their tokens' `iss`). */
  @IsString() @Matches(/^(|https?:\/\/[^,\s]+(,\s*https?:\/\/[^,\s]+)*)$/, { message: 'OIDC_ISSUERS must be a comma-separated list of http(s) issuer URLs' })
  OIDC_ISSUERS = '';

  /** The API audience that bearer access tokens must carry. */
  @IsString() @Matches(/^[^,\s]+$/, { message: 'OIDC_AUDIENCE must be one audience without spaces or commas' })
  OIDC_AUDIENCE = 'roster';

  /** Client ids that ID tokens (in the from_token/select bodies) may carry as `aud`, comma-separated. */
  @IsString() @Matches(/^[^\s]*$/, { message: 'OIDC_CLIENT_IDS must be a comma-separated list without spaces' })
  OIDC_CLIENT_IDS = '';

  /** Per-issuer claim holding end-user permissions: `issuer=claim` pairs separated by spaces. Off when empty. */
  @IsString() @Matches(/^(|\S+=\S+(\s+\S+=\S+)*)$/, { message: 'OIDC_PERMISSIONS_CLAIMS must be space-separated issuer=claim pairs' })
  OIDC_PERMISSIONS_CLAIMS = '';

  /** Least time between two JWKS refetches of an OIDC issuer on an unknown `kid`. */
  @Transform(toInteger) @IsInt({ message: 'OIDC_JWKS_COOLDOWN_MS must be a number' }) @Min(0)
  OIDC_JWKS_COOLDOWN_MS = 60_000;

  /** Roster's own token issuer (signing key in the database, JWKS at /.well-known/jwks.json). */
  @Transform(toBoolean) @IsBoolean({ message: 'ROSTER_OWN_ISSUER must be true or false' })
  ROSTER_OWN_ISSUER = true;

  /** Account id in service-client access keys; their tokens' `aud` is `<id>.accounts.authress.io`. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'ROSTER_ACCOUNT_ID must be 1-64 letters, digits, _ or -' })
  ROSTER_ACCOUNT_ID = 'roster';

  /** An access key (clientId.keyId.accountId.privateKey) registered for an all-permission client at start. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9+/=]+$/, { message: 'ROSTER_BOOTSTRAP_ACCESS_KEY must look like clientId.keyId.accountId.base64PrivateKey' })
  ROSTER_BOOTSTRAP_ACCESS_KEY?: string;

  /** Cache verified tokens in memory (revocations still apply within a second on every replica). */
  @Transform(toBoolean) @IsBoolean({ message: 'ROSTER_TOKEN_CACHE must be true or false' })
  ROSTER_TOKEN_CACHE = true;

  /** A stream subscriber whose unsent frames exceed this many bytes is closed (slow consumer). */
  @Transform(toInteger) @IsInt({ message: 'STREAM_MAX_BUFFER_BYTES must be a number' }) @Min(1024)
  STREAM_MAX_BUFFER_BYTES = 1024 * 1024;

  /** Ping interval of stream connections; one without a pong by the next ping is closed. */
  @Transform(toInteger) @IsInt({ message: 'STREAM_HEARTBEAT_MS must be a number' }) @Min(100)
  STREAM_HEARTBEAT_MS = 30_000;

  /** Open stream connections allowed per user (more are refused with 429). */
  @Transform(toInteger) @IsInt({ message: 'STREAM_MAX_PER_USER must be a number' }) @Min(1)
  STREAM_MAX_PER_USER = 16;

  /** Open stream connections allowed on this replica (more are refused with 503). */
  @Min(1, { message: 'STREAM_MAX_CONNECTIONS must be at least 1' }) @IsInt({ message: 'STREAM_MAX_CONNECTIONS must be a number' }) @Transform(toInteger)
  STREAM_MAX_CONNECTIONS = 20_000;

  /** Open stream connections allowed per client address on this replica (more are refused with 429); 0: no limit. */
  @Min(0) @IsInt({ message: 'STREAM_MAX_PER_IP must be a number' }) @Transform(toInteger)
  STREAM_MAX_PER_IP = 0;

  /** Requests per client address per RATE_LIMIT_WINDOW_MS on this replica (more are 429); 0: no limit. */
  @Min(0) @IsInt({ message: 'RATE_LIMIT_PER_IP must be a number' }) @Transform(toInteger)
  RATE_LIMIT_PER_IP = 0;

  /** Requests per bearer token per RATE_LIMIT_WINDOW_MS on this replica (more are 429); 0: no limit. */
  @Min(0) @IsInt({ message: 'RATE_LIMIT_PER_TOKEN must be a number' }) @Transform(toInteger)
  RATE_LIMIT_PER_TOKEN = 0;

  /** The window of the rate limits; a caller over a limit waits for the rest of it (Retry-After). */
  @Min(1000, { message: 'RATE_LIMIT_WINDOW_MS must be at least 1000' }) @IsInt({ message: 'RATE_LIMIT_WINDOW_MS must be a number' }) @Transform(toInteger)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Proxies in front of the service whose X-Forwarded-For entries name the client (0: the socket's address is the client). */
  @Max(10, { message: 'TRUST_PROXY_HOPS must be between 0 and 10' }) @Min(0, { message: 'TRUST_PROXY_HOPS must be between 0 and 10' }) @IsInt({ message: 'TRUST_PROXY_HOPS must be a number' }) @Transform(toInteger)
  TRUST_PROXY_HOPS = 0;

  /** Longest a client may take to send a request's headers (slow-loris): then 408 and the connection is closed. */
  @Min(1000, { message: 'HTTP_HEADERS_TIMEOUT_MS must be at least 1000' }) @IsInt({ message: 'HTTP_HEADERS_TIMEOUT_MS must be a number' }) @Transform(toInteger)
  HTTP_HEADERS_TIMEOUT_MS = 20_000;

  /** Longest a client may take to send a whole request, body included. At least HTTP_HEADERS_TIMEOUT_MS. */
  @Min(1000, { message: 'HTTP_REQUEST_TIMEOUT_MS must be at least 1000' }) @IsInt({ message: 'HTTP_REQUEST_TIMEOUT_MS must be a number' }) @Transform(toInteger)
  HTTP_REQUEST_TIMEOUT_MS = 60_000;

  /** Tests only: a pause before each batch of the user-deletion job, so a test can crash it midway. */
  @Max(60_000, { message: 'ROSTER_TEST_DELETE_BATCH_DELAY_MS must be between 0 and 60000' }) @Min(0, { message: 'ROSTER_TEST_DELETE_BATCH_DELAY_MS must be between 0 and 60000' }) @IsInt({ message: 'ROSTER_TEST_DELETE_BATCH_DELAY_MS must be a number' }) @Transform(toInteger)
  ROSTER_TEST_DELETE_BATCH_DELAY_MS = 0;

  /** How often ended and expired sessions are pruned (a pg-boss job, one replica at a time). */
  @Min(1000, { message: 'SESSIONS_PRUNE_INTERVAL_MS must be at least 1000' }) @IsInt({ message: 'SESSIONS_PRUNE_INTERVAL_MS must be a number' }) @Transform(toInteger)
  SESSIONS_PRUNE_INTERVAL_MS = 3_600_000;

  /** How long in-flight requests may take to finish on shutdown before the process exits anyway. */
  @Transform(toInteger) @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a number' }) @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;
}

const ENVIRONMENT_KEYS = [...Object.keys(new Environment()), 'DATABASE_URL', 'ROSTER_SECRET_KEY', 'PUBLIC_URL', 'ROSTER_BOOTSTRAP_ACCESS_KEY'];

export class EnvironmentError extends Error {}

/** Parses and validates `env`; throws an EnvironmentError whose message is one line naming the variable. */
export function parseEnvironment(env: NodeJS.ProcessEnv): Environment {
  const present = Object.fromEntries(Object.entries(env).filter(([key]) => ENVIRONMENT_KEYS.includes(key)));
  const parsed = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    throw new EnvironmentError(`Invalid environment: ${message}`);
  }
  if (parsed.HTTP_HEADERS_TIMEOUT_MS > parsed.HTTP_REQUEST_TIMEOUT_MS) throw new EnvironmentError('Invalid environment: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  return parsed;
}
