import type { Environment } from './environment';

/** What the settings are for: the service needs more of them to agree than a CLI command does. */
export type Purpose = 'service' | 'command';

export interface CrossFieldRule {
  /** Rules about what only the running service uses (its secret, its bootstrap key) spare the CLI. */
  serviceOnly?: boolean;
  broken(env: Environment): boolean;
  message: string;
}

/**
 * Replicas must share the key, so it cannot be generated per data directory as in embedded mode. The service
 * checks it at start; a command that needs the key checks it when it resolves one (resolveSecretKey).
 */
export const SECRET_KEY_RULE: CrossFieldRule = {
  serviceOnly: true,
  broken: (env) => env.DATABASE_URL !== undefined && env.ROSTER_SECRET_KEY === undefined,
  message: 'ROSTER_SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)',
};

/** Every rule that involves more than one variable, in one place. */
const RULES: CrossFieldRule[] = [
  {
    broken: (env) => env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS,
    message: 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
  },
  {
    broken: (env) => env.WEBHOOK_CONNECT_TIMEOUT_MS > env.WEBHOOK_TIMEOUT_MS,
    message: 'WEBHOOK_CONNECT_TIMEOUT_MS must not exceed WEBHOOK_TIMEOUT_MS',
  },
  SECRET_KEY_RULE,
  {
    // Its tokens carry `<account>.accounts.authress.io` as `aud`; any other account's would all be refused.
    serviceOnly: true,
    broken: (env) => env.ROSTER_BOOTSTRAP_ACCESS_KEY !== undefined && env.ROSTER_BOOTSTRAP_ACCESS_KEY.split('.')[2] !== env.ROSTER_ACCOUNT_ID,
    message: 'ROSTER_BOOTSTRAP_ACCESS_KEY must be a key of ROSTER_ACCOUNT_ID (its third part)',
  },
  {
    broken: (env) => (env.CONSOLE_OIDC_ISSUER === undefined) !== (env.CONSOLE_OIDC_CLIENT_ID === undefined),
    message: 'CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID must be set together',
  },
];

/** The message of the first cross-field rule `env` breaks, or undefined. */
export function brokenCrossFieldRule(env: Environment, purpose: Purpose): string | undefined {
  return RULES.find((rule) => (purpose === 'service' || !rule.serviceOnly) && rule.broken(env))?.message;
}
