import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { generateAccessKey } from '../clients/access-key';
import { clientToken } from './client-token.command';
import { CommandConfig } from './command-config';
import { withOwnIssuer } from './with-own-issuer';

describe('CommandConfig', () => {
  const { accessKey } = generateAccessKey('sc_cli', 'acc_cli');

  it.each([
    [{ HOST: '0.0.0.0', PORT: '4000' }, 'http://localhost:4000'],
    [{ HOST: '::', PORT: '4001' }, 'http://localhost:4001'],
    [{ HOST: '10.1.2.3' }, 'http://10.1.2.3:39300'],
    [{ HOST: '0.0.0.0', PUBLIC_URL: 'https://roster.example.com/' }, 'https://roster.example.com'],
  ])('gives client-token the origin the service itself uses: %j → %s', async (env, origin) => {
    const token = await clientToken(CommandConfig.fromEnvironment(env), accessKey, 600);
    expect(decodeJwt(token)).toMatchObject({ iss: `${origin}/v1/clients/sc_cli`, sub: 'sc_cli', aud: 'acc_cli.accounts.authress.io' });
  });

  it('refuses a token longer than the service accepts', async () => {
    await expect(clientToken(CommandConfig.fromEnvironment({}), accessKey, 25 * 3600)).rejects.toThrow(/at most 24h/);
  });

  it('checks the secret-key rule before opening anything, with the service’s message', async () => {
    // Nothing listens on port 1: a command that tried to connect first would fail otherwise.
    const config = CommandConfig.fromEnvironment({ DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    await expect(withOwnIssuer(config, async () => 'signed')).rejects.toThrow('Invalid environment: ROSTER_SECRET_KEY is required when DATABASE_URL is set');
    const server = { url: 'postgres://127.0.0.1:1/none', embedded: false, stop: async () => undefined };
    expect(() => config.appConfig(server).secretKey).toThrow(/ROSTER_SECRET_KEY is required/);
    expect(config.appConfig(server, 'k'.repeat(32)).secretKey).toBe('k'.repeat(32));
  });

  it('takes ROSTER_SECRET_KEY, else with the embedded database the data directory’s key, generated once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
    expect(await CommandConfig.fromEnvironment({ DATABASE_URL: 'postgres://db/x', ROSTER_SECRET_KEY: 's'.repeat(32) }).secretKey()).toBe('s'.repeat(32));
    const generated = await CommandConfig.fromEnvironment({ ROSTER_DATA_DIR: dataDir }).secretKey();
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(generated);
    expect(await CommandConfig.fromEnvironment({ ROSTER_DATA_DIR: dataDir }).secretKey()).toBe(generated);
  });
});
