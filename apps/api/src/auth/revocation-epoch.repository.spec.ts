import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { RevocationEpochRepository } from './revocation-epoch.repository';
import { RevocationEpoch } from './revocation-epoch.service';

describe('RevocationEpoch (on a real database)', () => {
  let db: ServiceDatabase;
  let transactions: TransactionRunner;
  let repository: RevocationEpochRepository;
  beforeAll(async () => {
    db = await openServiceDatabase();
    transactions = new TransactionRunner(db.dataSource);
    repository = new RevocationEpochRepository(new StatementRunner(db.dataSource, testConfig()));
  });
  afterAll(() => db.close());

  it('bumps the stored counter when the unit of work commits, not when it rolls back', async () => {
    const epoch = new RevocationEpoch(repository);
    const start = Number(await repository.read());
    await transactions.run((unit) => epoch.bump(unit));
    expect(Number(await repository.read())).toBe(start + 1);
    await expect(transactions.run(async (unit) => {
      await epoch.bump(unit);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(Number(await repository.read())).toBe(start + 1);
    // Counted at the bump and again at the commit; the rolled-back bump only once.
    expect(epoch.changesSeen).toBe(3);
  });

  it('another replica sees a bump at its next poll', async () => {
    const here = new RevocationEpoch(repository);
    const there = new RevocationEpoch(repository);
    await there.onModuleInit();
    there.onApplicationShutdown();
    await transactions.run((unit) => here.bump(unit));
    await there['poll']();
    expect(there.changesSeen).toBe(1);
  });
});
