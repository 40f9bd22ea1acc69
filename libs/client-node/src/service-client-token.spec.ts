import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { serviceClientTokenSource } from './service-client-token';

describe('serviceClientTokenSource', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_app.k1.acc.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;

  it('signs an EdDSA token the service verifies as the client', async () => {
    const token = await serviceClientTokenSource(accessKey, 'http://svc:39300/')();
    const { payload } = await jwtVerify(token, createPublicKey(privateKey), { audience: 'acc.accounts.authress.io', issuer: 'http://svc:39300/v1/clients/sc_app' });
    expect(payload).toMatchObject({ sub: 'sc_app', client_id: 'sc_app' });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: 'k1' });
  });

  it('reuses the token until five minutes before it expires', async () => {
    let now = 1_700_000_000_000;
    const source = serviceClientTokenSource(accessKey, 'http://svc', () => now);
    const first = await source();
    now += 3000 * 1000;
    expect(await source()).toBe(first);
    now += 400 * 1000;
    expect(await source()).not.toBe(first);
  });

  it('refuses a key that is not clientId.keyId.accountId.privateKey', () => {
    expect(() => serviceClientTokenSource('nope', 'http://svc')).toThrow('accessKey must be');
  });
});
