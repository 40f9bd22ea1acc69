import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { ADMIN_KEY_FILE } from '../clients/bootstrap-admin.service';
import { parseAccessKey } from '../clients/access-key';
import { CommandConfig } from './command-config';
import { parseTtl } from './ttl';

const MAX_SECONDS = 24 * 3600;

/**
 * `client-token [--access-key K | --file F] [--ttl 1h]` prints a bearer token for a service client, signed
 * with its access key exactly as @authress/sdk's ServiceClientTokenProvider signs one. The key comes from
 * --access-key, --file, `accessKey` (ROSTER_ACCESS_KEY), or else the admin key file of the embedded data directory.
 * Nothing is sent anywhere; the service verifies the token against the key's stored public half.
 */
export async function clientTokenCommand(config: CommandConfig, args: string[], accessKey?: string): Promise<void> {
  const { values } = parseArgs({ args, options: { 'access-key': { type: 'string' }, file: { type: 'string' }, ttl: { type: 'string', default: '1h' } } });
  const key = values['access-key'] ?? (values.file ? readFileSync(values.file, 'utf8') : undefined) ?? accessKey ?? adminKeyFile(config.dataDir);
  process.stdout.write(`${await clientToken(config, key.trim(), parseTtl(values.ttl ?? ''))}\n`);
}

/**
 * A token of `accessKey`'s client for `seconds`. Its issuer is the service's public origin, as the service
 * derives it (PUBLIC_URL, else the listen address, with 0.0.0.0 and :: read as localhost).
 */
export async function clientToken(config: CommandConfig, accessKey: string, seconds: number): Promise<string> {
  if (seconds > MAX_SECONDS) throw new Error('--ttl may be at most 24h: the service refuses longer service-client tokens');
  let key;
  try {
    key = parseAccessKey(accessKey);
  } catch (error) {
    throw new Error(`not an access key (clientId.keyId.accountId.privateKey): ${(error as Error).message}`);
  }
  const [, , , der] = accessKey.split('.');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ client_id: key.clientId, scope: 'openid' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.keyId, typ: 'at+jwt' })
    .setIssuer(`${config.http.publicUrl}/v1/clients/${encodeURIComponent(key.clientId)}`)
    .setSubject(key.clientId)
    .setAudience(`${key.accountId}.accounts.authress.io`)
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' }));
}

function adminKeyFile(dataDir: string): string {
  const file = join(resolve(dataDir), ADMIN_KEY_FILE);
  if (!existsSync(file)) throw new Error(`client-token needs an access key: --access-key, --file or ROSTER_ACCESS_KEY (no ${file})`);
  return readFileSync(file, 'utf8');
}
