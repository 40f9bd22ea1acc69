import { decodeProtectedHeader, jwtVerify } from 'jose';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { OwnIssuerService } from './own-issuer.service';
import { SigningKeysRepository } from './signing-keys.repository';

describe('OwnIssuerService (on a real database)', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());

  const issuer = () => {
    const config = testConfig();
    return new OwnIssuerService(config, new SigningKeysRepository(db.dataSource, new StatementRunner(db.dataSource, config)), new TransactionRunner(db.dataSource));
  };

  it('starts with one active key however many replicas start together, and rotates keeping the old key published', async () => {
    const [first, second] = [issuer(), issuer()];
    await Promise.all([first.onModuleInit(), second.onModuleInit()]);
    expect(await db.query(`SELECT kid FROM signing_keys WHERE retired_at IS NULL`)).toHaveLength(1);
    const before = await first.sign({ sub: 'ada' }, 60, 'aud');
    const kid = await first.rotate();
    const after = await first.sign({ sub: 'ada' }, 60, 'aud');
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    // The other replica verifies both: it reloads on the unknown kid (at most once a second).
    await expect(jwtVerify(before, second.verificationKeys)).resolves.toBeDefined();
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 1500);
    try {
      await expect(jwtVerify(after, second.verificationKeys)).resolves.toBeDefined();
    } finally {
      later.mockRestore();
    }
    expect((await first.publicKeys()).keys.map((key) => key.kid)).toEqual([kid, decodeProtectedHeader(before).kid]);
  });
});
