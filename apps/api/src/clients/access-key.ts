import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export interface ParsedAccessKey {
  clientId: string;
  keyId: string;
  accountId: string;
  /** base64url Ed25519 public key (JWK `x`). */
  publicKey: string;
}

/** Splits and checks an Authress-style access key, deriving its public half. */
export function parseAccessKey(accessKey: string): ParsedAccessKey {
  const [clientId, keyId, accountId, privateKey, ...rest] = accessKey.split('.');
  if (!clientId || !keyId || !accountId || !privateKey || rest.length) throw new Error('an access key is clientId.keyId.accountId.privateKey');
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the access key is not an Ed25519 key');
  return { clientId, keyId, accountId, publicKey: publicX(createPublicKey(key)) };
}

/** A new key pair for a client: the access key (shown once) and the public half (stored). */
export function generateAccessKey(clientId: string, accountId: string): { keyId: string; accessKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = randomBytes(6).toString('hex');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { keyId, accessKey: `${clientId}.${keyId}.${accountId}.${der}`, publicKey: publicX(publicKey) };
}

export function newClientId(): string {
  return `sc_${randomBytes(10).toString('hex')}`;
}

function publicX(key: ReturnType<typeof createPublicKey>): string {
  return (key.export({ format: 'jwk' }) as { x: string }).x;
}
