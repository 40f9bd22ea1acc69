import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';

const LIFETIME_SECONDS = 3600;
const RENEW_BEFORE_SECONDS = 300;

/**
 * A token source for a service client's access key `clientId.keyId.accountId.privateKey` (the Authress
 * format): signs an EdDSA JWT itself, reuses it until five minutes before it expires.
 */
export function serviceClientTokenSource(accessKey: string, basePath: string, now = () => Date.now()): () => Promise<string> {
  const [clientId, keyId, accountId, der] = accessKey.split('.');
  if (!clientId || !keyId || !accountId || !der) throw new Error('accessKey must be clientId.keyId.accountId.privateKey');
  const key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
  let cached: { token: Promise<string>; expiresAt: number } | undefined;
  return () => {
    const seconds = Math.floor(now() / 1000);
    if (!cached || cached.expiresAt - RENEW_BEFORE_SECONDS <= seconds) {
      const token = new SignJWT({ client_id: clientId, scope: 'openid' })
        .setProtectedHeader({ alg: 'EdDSA', kid: keyId, typ: 'at+jwt' })
        .setIssuer(`${basePath.replace(/\/+$/, '')}/v1/clients/${encodeURIComponent(clientId)}`)
        .setSubject(clientId)
        .setAudience(`${accountId}.accounts.authress.io`)
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + LIFETIME_SECONDS)
        .sign(key);
      cached = { token, expiresAt: seconds + LIFETIME_SECONDS };
      token.catch(() => (cached = undefined));
    }
    return cached.token;
  };
}
