import { AppConfig } from './app-config';
import { parseEnvironment } from './environment';

const configOf = (env: Record<string, string>) => new AppConfig(parseEnvironment(env), 'postgres://db/roster', 's'.repeat(32), false);

describe('AppConfig', () => {
  it('groups the settings by what they configure', () => {
    const config = configOf({ PORT: '5323', DATABASE_POOL_MAX: '7', STREAM_MAX_PER_USER: '3', RATE_LIMIT_PER_IP: '50', SESSIONS_PRUNE_INTERVAL_MS: '5000', LOG_LEVEL: 'warn' });
    expect(config.http).toMatchObject({ port: 5323, host: '127.0.0.1', bodyLimit: '100kb', headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, trustProxyHops: 0, shutdownTimeoutMs: 10_000 });
    expect(config.database).toEqual({ url: 'postgres://db/roster', embedded: false, poolMax: 7, backgroundPoolMax: 6, connectTimeoutMs: 5000, queryTimeoutMs: 15_000, preparedStatements: true, migrateOnStart: true });
    expect(config.stream).toEqual({ maxBufferBytes: 1024 * 1024, heartbeatMs: 30_000, maxPerUser: 3, maxConnections: 20_000, maxPerIp: 0 });
    expect(config.rateLimit).toEqual({ perIp: 50, perToken: 0, windowMs: 60_000 });
    expect(config.jobs).toEqual({ sessionsPruneIntervalMs: 5000, eventsRetentionDays: 90, eventsPurgeIntervalMs: 3_600_000, testDeleteBatchDelayMs: 0 });
    expect(config).toMatchObject({ logLevel: 'warn', secretKey: 's'.repeat(32) });
  });

  it('splits lists and drops trailing slashes from issuers', () => {
    const { auth, http } = configOf({
      OIDC_ISSUERS: 'https://a.example.com/, https://b.example.com',
      OIDC_CLIENT_IDS: 'web,,cli',
      OIDC_PERMISSIONS_CLAIMS: 'https://a.example.com/=perms https://b.example.com=https://b.example.com/roles',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      ROSTER_ACCOUNT_ID: 'acme',
    });
    expect(auth.oidcIssuers).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(auth.oidcClientIds).toEqual(['web', 'cli']);
    expect([...auth.permissionClaims]).toEqual([['https://a.example.com', 'perms'], ['https://b.example.com', 'https://b.example.com/roles']]);
    expect(auth.serviceClientAudience).toBe('acme.accounts.authress.io');
    expect(http.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ CONSOLE_SIGN_IN_LINK: 'true' }, false, true],
    [{ CONSOLE_SIGN_IN_LINK: 'false' }, true, false],
    [{ CONSOLE_SIGN_IN_LINK: '' }, true, true],
  ])('console sign-in link at start for %j, embedded %s: %s', (env, embedded, printed) => {
    expect(new AppConfig(parseEnvironment(env), 'postgres://db/roster', 's'.repeat(32), embedded).console.signInLinkAtStart).toBe(printed);
  });

  it.each([
    [{}, 'http://127.0.0.1:39300'],
    [{ HOST: '0.0.0.0', PORT: '8080' }, 'http://localhost:8080'],
    [{ HOST: '::' }, 'http://localhost:39300'],
    [{ PUBLIC_URL: 'https://roster.example.com/api/' }, 'https://roster.example.com/api'],
  ])('public URL of %j is %s', (env, url) => {
    expect(configOf(env).http.publicUrl).toBe(url);
  });

  it('keeps the environment to itself: code reads groups, never variable names', () => {
    expect(Object.keys(configOf({})).filter((key) => /^[A-Z_]+$/.test(key) || key === 'env')).toEqual([]);
  });
});
