import { generateAccessKey, parseAccessKey } from './access-key';

describe('access keys', () => {
  it('parses what it generates, deriving the same public key', () => {
    const made = generateAccessKey('sc_test', 'acc');
    expect(made.accessKey.startsWith(`sc_test.${made.keyId}.acc.MC4CAQAwBQYDK2VwBCIEI`)).toBe(true);
    expect(parseAccessKey(made.accessKey)).toEqual({ clientId: 'sc_test', keyId: made.keyId, accountId: 'acc', publicKey: made.publicKey });
  });

  it('reads the Authress SDK test key', () => {
    const parsed = parseAccessKey('sc_service_client.uDeF.acc-test_account_id.MC4CAQAwBQYDK2VwBCIEIE99LFw2c3DCiYwrY/Qkg1nIDiagoHtdCwb88RxarVYA');
    expect(parsed).toMatchObject({ clientId: 'sc_service_client', keyId: 'uDeF', accountId: 'acc-test_account_id' });
    expect(parsed.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each(['a.b.c', 'a.b.c.d.e', 'a.b.c.bm90IGEga2V5'])('refuses %s', (key) => {
    expect(() => parseAccessKey(key)).toThrow();
  });
});
