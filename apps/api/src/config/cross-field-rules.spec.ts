import { EnvironmentError, parseEnvironment } from './environment';

const SECRET = 'k'.repeat(32);
const KEY_OF = (account: string) => `sc_admin.key1.${account}.MC4CAQAwBQYDK2VwBCIEIA==`;

describe('rules between variables', () => {
  it.each([
    ['command', { HTTP_HEADERS_TIMEOUT_MS: '70000' }, 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS'],
    ['command', { HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '4000' }, 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS'],
    ['command', { WEBHOOK_CONNECT_TIMEOUT_MS: '20000' }, 'WEBHOOK_CONNECT_TIMEOUT_MS must not exceed WEBHOOK_TIMEOUT_MS'],
    ['service', { DATABASE_URL: 'postgres://db/roster' }, 'ROSTER_SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)'],
    ['service', { DATABASE_URL: 'postgres://db/roster', ROSTER_SECRET_KEY: '' }, 'ROSTER_SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)'],
    ['service', { ROSTER_BOOTSTRAP_ACCESS_KEY: KEY_OF('other') }, 'ROSTER_BOOTSTRAP_ACCESS_KEY must be a key of ROSTER_ACCOUNT_ID (its third part)'],
    ['service', { ROSTER_ACCOUNT_ID: 'acme', ROSTER_BOOTSTRAP_ACCESS_KEY: KEY_OF('roster') }, 'ROSTER_BOOTSTRAP_ACCESS_KEY must be a key of ROSTER_ACCOUNT_ID (its third part)'],
  ] as const)('%s refuses %j', (purpose, env, message) => {
    expect(() => parseEnvironment(env, purpose)).toThrow(new EnvironmentError(`Invalid environment: ${message}`));
  });

  it.each([
    { HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '5000' },
    { WEBHOOK_CONNECT_TIMEOUT_MS: '2000', WEBHOOK_TIMEOUT_MS: '2000' },
    { DATABASE_URL: 'postgres://db/roster', ROSTER_SECRET_KEY: SECRET },
    { ROSTER_ACCOUNT_ID: 'acme', ROSTER_BOOTSTRAP_ACCESS_KEY: KEY_OF('acme') },
  ])('the service accepts %j', (env) => {
    expect(() => parseEnvironment(env, 'service')).not.toThrow();
  });

  it('spares CLI commands the rules about what only the service uses', () => {
    expect(() => parseEnvironment({ DATABASE_URL: 'postgres://db/roster', ROSTER_BOOTSTRAP_ACCESS_KEY: KEY_OF('other') })).not.toThrow();
  });
});
