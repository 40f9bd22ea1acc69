import { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { RevocationEpochRepository } from './revocation-epoch.repository';
import { RevocationEpoch } from './revocation-epoch.service';

const repository = (values: string[]) => ({ read: jest.fn(async () => values.shift()), bump: jest.fn(async () => undefined) }) as unknown as RevocationEpochRepository;

describe('RevocationEpoch', () => {
  it('counts a bump at once and again when its unit of work commits, never on rollback', async () => {
    const epoch = new RevocationEpoch(repository([]));
    const seen = jest.fn();
    epoch.onChange(seen);
    const unit = new UnitOfWork({} as EntityManager);
    await epoch.bump(unit);
    expect(epoch.changesSeen).toBe(1);
    await unit.commitDone();
    expect(epoch.changesSeen).toBe(2);
    expect(seen).toHaveBeenCalledTimes(2);
    await epoch.bump(new UnitOfWork({} as EntityManager)); // rolled back: commitDone never runs
    expect(epoch.changesSeen).toBe(3);
  });

  it('counts a change another replica made when the stored counter moves', async () => {
    const epoch = new RevocationEpoch(repository(['4', '4', '5']));
    await epoch.onModuleInit();
    epoch.onApplicationShutdown();
    await epoch['poll']();
    expect(epoch.changesSeen).toBe(0);
    await epoch['poll']();
    expect(epoch.changesSeen).toBe(1);
  });
});
