import { resolve } from 'node:path';
import { Environment, EnvironmentError, parseEnvironment } from './environment';
import { intRanges, LONGEST_TIMER_MS } from './setting-decorators';

describe('parseEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = parseEnvironment({});
    expect(env).toMatchObject({ PORT: 39300, HOST: '127.0.0.1', ROSTER_DATA_DIR: resolve(__dirname, '../../../../.data'), LOG_LEVEL: 'info', ROSTER_MIGRATE_ON_START: true, CORS_ORIGINS: '' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty DATABASE_URL as unset (embedded mode)', () => {
    expect(parseEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans', () => {
    expect(parseEnvironment({ PORT: '5323', ROSTER_MIGRATE_ON_START: 'false' })).toMatchObject({ PORT: 5323, ROSTER_MIGRATE_ON_START: false });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid environment: PORT must be a number'],
    [{ PORT: '1.5' }, 'Invalid environment: PORT must be a number'],
    [{ PORT: '0' }, 'Invalid environment: PORT must be between 1 and 65535'],
    [{ ROSTER_MIGRATE_ON_START: 'maybe' }, 'Invalid environment: ROSTER_MIGRATE_ON_START must be true or false'],
    [{ PUBLIC_URL: 'ftp://x' }, 'Invalid environment: PUBLIC_URL must be an http(s) URL without query or fragment'],
    [{ ROSTER_TEST_DELETE_BATCH_DELAY_MS: 'slow' }, 'Invalid environment: ROSTER_TEST_DELETE_BATCH_DELAY_MS must be a number'],
    [{ ROSTER_TEST_DELETE_BATCH_DELAY_MS: '60001' }, 'Invalid environment: ROSTER_TEST_DELETE_BATCH_DELAY_MS must be between 0 and 60000'],
    [{ SESSIONS_PRUNE_INTERVAL_MS: 'hourly' }, 'Invalid environment: SESSIONS_PRUNE_INTERVAL_MS must be a number'],
    [{ SESSIONS_PRUNE_INTERVAL_MS: '10' }, 'Invalid environment: SESSIONS_PRUNE_INTERVAL_MS must be at least 1000'],
    [{ EVENTS_RETENTION_DAYS: '0' }, 'Invalid environment: EVENTS_RETENTION_DAYS must be between 1 and 36500'],
    [{ EVENTS_RETENTION_DAYS: 'forever' }, 'Invalid environment: EVENTS_RETENTION_DAYS must be a number'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '50' }, 'Invalid environment: DATABASE_CONNECT_TIMEOUT_MS must be at least 100'],
    [{ DATABASE_QUERY_TIMEOUT_MS: 'long' }, 'Invalid environment: DATABASE_QUERY_TIMEOUT_MS must be a number'],
    [{ DATABASE_POOL_MAX: '0' }, 'Invalid environment: DATABASE_POOL_MAX must be at least 1'],
    [{ RATE_LIMIT_PER_IP: '-1' }, 'Invalid environment: RATE_LIMIT_PER_IP must be at least 0'],
    [{ OIDC_JWKS_COOLDOWN_MS: 'abc' }, 'Invalid environment: OIDC_JWKS_COOLDOWN_MS must be a number'],
    [{ HOST: '' }, 'Invalid environment: HOST must not be empty'],
    [{ SESSIONS_PRUNE_INTERVAL_MS: '3000000000' }, 'Invalid environment: SESSIONS_PRUNE_INTERVAL_MS must be at most 2147483647'],
    [{ RATE_LIMIT_WINDOW_MS: '10' }, 'Invalid environment: RATE_LIMIT_WINDOW_MS must be at least 1000'],
    [{ TRUST_PROXY_HOPS: '11' }, 'Invalid environment: TRUST_PROXY_HOPS must be between 0 and 10'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '70000' }, 'Invalid environment: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS'],
    [{ CORS_ORIGINS: 'app.example.com' }, 'Invalid environment: CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => parseEnvironment(env)).toThrow(new EnvironmentError(message));
  });

  it('accepts a list of origins', () => {
    expect(parseEnvironment({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).CORS_ORIGINS).toBe('https://a.example.com, http://localhost:5173');
  });

  describe('typed settings, enumerated from the schema', () => {
    const defaults = Object.entries(new Environment());
    const numeric = defaults.filter(([, value]) => typeof value === 'number').map(([name]) => name);
    const booleans = defaults.filter(([, value]) => typeof value === 'boolean').map(([name]) => name);
    const ranges = intRanges(Environment);

    it('finds the settings (a schema read wrongly would test nothing)', () => {
      expect(numeric).toEqual(expect.arrayContaining(['PORT', 'OIDC_JWKS_COOLDOWN_MS', 'SHUTDOWN_TIMEOUT_MS']));
      expect(booleans).toEqual(expect.arrayContaining(['ROSTER_OWN_ISSUER', 'DATABASE_PREPARED_STATEMENTS']));
    });

    it('declares every numeric setting with IntSetting, so it has a range', () => {
      expect(Object.keys(ranges).sort()).toEqual([...numeric].sort());
    });

    it('keeps every duration within what a Node.js timer can wait (a longer one fires after 1 ms)', () => {
      const durations = numeric.filter((name) => name.endsWith('_MS'));
      expect(durations.filter((name) => (ranges[name].max ?? Infinity) > LONGEST_TIMER_MS)).toEqual([]);
      expect(ranges.DATABASE_QUERY_TIMEOUT_MS.max).toBe(LONGEST_TIMER_MS - 1000); // its client-side timer waits a second longer
    });

    it.each(numeric.flatMap((name) => ['abc', '1.5', '12px', ' '].map((value) => [name, value])))('%s=%j is reported as not a number, before its range', (name, value) => {
      expect(() => parseEnvironment({ [name]: value })).toThrow(new EnvironmentError(`Invalid environment: ${name} must be a number`));
    });

    const outside = Object.entries(ranges).flatMap(([name, { min, max, ceiling }]) => {
      const between = `${name} must be between ${min} and ${max}`;
      const below = [name, String(min - 1), max === undefined || ceiling ? `${name} must be at least ${min}` : between];
      return max === undefined ? [below] : [below, [name, String(max + 1), ceiling ? `${name} must be at most ${max}` : between]];
    });
    it.each(outside)('%s=%s is out of range', (name, value, message) => {
      expect(() => parseEnvironment({ [name]: value })).toThrow(new EnvironmentError(`Invalid environment: ${message}`));
    });

    it.each(Object.entries(ranges))('%s accepts the ends of its range', (name, { min, max }) => {
      // Related settings at their widest apart, so no rule between variables objects.
      const roomy = { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: String(LONGEST_TIMER_MS), WEBHOOK_CONNECT_TIMEOUT_MS: '100', WEBHOOK_TIMEOUT_MS: '300000' };
      expect(parseEnvironment({ ...roomy, [name]: String(min) })).toMatchObject({ [name]: min });
      if (max !== undefined) expect(parseEnvironment({ ...roomy, [name]: String(max) })).toMatchObject({ [name]: max });
    });

    it.each(booleans)('%s must be true or false', (name) => {
      expect(() => parseEnvironment({ [name]: 'maybe' })).toThrow(new EnvironmentError(`Invalid environment: ${name} must be true or false`));
      expect(parseEnvironment({ [name]: '0' })).toMatchObject({ [name]: false });
    });
  });
});
