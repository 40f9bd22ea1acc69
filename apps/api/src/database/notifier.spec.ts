import { Client, Notification } from 'pg';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { Notifier } from './notifier';
import { StatementRunner } from './statement-runner';
import { TransactionRunner } from './unit-of-work';

describe('Notifier', () => {
  let db: ServiceDatabase;
  let listener: Client;
  let heard: Notification[];

  beforeAll(async () => {
    db = await openServiceDatabase();
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (message) => heard.push(message));
    await listener.query('LISTEN roster_test_a; LISTEN roster_test_b');
  });
  afterAll(async () => {
    await listener.end();
    await db.close();
  });
  beforeEach(() => (heard = []));

  /** Notifications sent before this round trip on the listening connection have arrived. */
  const arrived = () => listener.query('SELECT 1');

  it('sends what was queued in one turn of the event loop as one statement, each distinct notification once', async () => {
    const statements = new StatementRunner(db.dataSource, testConfig());
    const sent = jest.spyOn(statements, 'rows');
    const notifier = new Notifier(statements);
    await Promise.all([notifier.send('roster_test_a', '1'), notifier.send('roster_test_b', ''), notifier.send('roster_test_a', '1'), notifier.send('roster_test_a', '2')]);
    await arrived();
    expect(sent).toHaveBeenCalledTimes(1);
    expect(heard.map(({ channel, payload }) => [channel, payload])).toEqual([['roster_test_a', '1'], ['roster_test_b', ''], ['roster_test_a', '2']]);
  });

  it('sends after the unit of work commits, before TransactionRunner.run returns, and nothing when it rolls back', async () => {
    const statements = new StatementRunner(db.dataSource, testConfig());
    const notifier = new Notifier(statements);
    const transactions = new TransactionRunner(db.dataSource);
    await transactions.run(async (work) => {
      notifier.afterCommit(work, 'roster_test_a', 'kept');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([]);
    });
    await expect(
      transactions.run(async (work) => {
        notifier.afterCommit(work, 'roster_test_a', 'rolled back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await arrived();
    expect(heard.map(({ payload }) => payload)).toEqual(['kept']);
    await notifier.onModuleDestroy();
  });

  it('answers its caller after a failed first attempt, and tries again without it', async () => {
    const statements = new StatementRunner(db.dataSource, testConfig());
    const real = statements.rows.bind(statements);
    const sent = jest.spyOn(statements, 'rows').mockRejectedValueOnce(new Error('timeout exceeded when trying to connect')).mockImplementation(real);
    const notifier = new Notifier(statements);
    await notifier.send('roster_test_b', 'again');
    expect(sent).toHaveBeenCalledTimes(1);
    await notifier.onModuleDestroy();
    await arrived();
    expect(heard.map(({ payload }) => payload)).toEqual(['again']);
  });
});
