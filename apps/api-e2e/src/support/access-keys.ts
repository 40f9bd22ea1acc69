import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { JWTPayload, SignJWT } from 'jose';

export const ACCOUNT_ID = 'acc_test';

/** A fresh Authress-style access key for `clientId`. */
export function newAccessKey(clientId: string, accountId = ACCOUNT_ID): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return `${clientId}.${randomBytes(3).toString('hex')}.${accountId}.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
}

/** Signs a service-client token the way the Authress SDK does, with overridable claims (for attacks). */
export async function clientToken(accessKey: string, origin: string, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const [clientId, keyId, accountId, der] = accessKey.split('.');
  const key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: `${accountId}.accounts.authress.io`,
    iss: `${origin}/v1/clients/${encodeURIComponent(clientId)}`,
    sub: clientId,
    client_id: clientId,
    iat: now,
    exp: now + 86400,
    scope: 'openid',
    ...claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: keyId, typ: 'at+jwt', ...header })
    .sign(key);
}
