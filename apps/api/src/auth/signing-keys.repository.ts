import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Or } from 'typeorm';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { SigningKeyEntity } from './signing-key.entity';

export type NewSigningKey = Pick<SigningKeyEntity, 'kid' | 'sealedPrivateKey' | 'publicJwk'>;

const SIGNING_KEY_LOCK = 0x526f7374; // pg advisory lock id: "Rost"
const lockKeys = defineStatement('signingKeys.lock', (p: Params<{ lock: number }>) => sql`SELECT pg_advisory_xact_lock(${p.lock})`);

/** Roster's own issuer's keys: one active, retired ones kept while their tokens may live. */
@Injectable()
export class SigningKeysRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementRunner,
  ) {}

  /** Holds the keys against another replica's (or the CLI's) change until the unit of work ends. */
  async lock(unit: UnitOfWork): Promise<void> {
    await this.statements.rows(lockKeys, { lock: SIGNING_KEY_LOCK }, unit);
  }

  async hasActive(unit: UnitOfWork): Promise<boolean> {
    return unit.manager.existsBy(SigningKeyEntity, { retiredAt: IsNull() });
  }

  async retireActive(unit: UnitOfWork): Promise<void> {
    await unit.manager.update(SigningKeyEntity, { retiredAt: IsNull() }, { retiredAt: new Date() });
  }

  async insert(unit: UnitOfWork, key: NewSigningKey): Promise<void> {
    await unit.manager.insert(SigningKeyEntity, key);
  }

  /** The active key and those retired after `retiredSince`, newest first. */
  publishedSince(retiredSince: Date): Promise<SigningKeyEntity[]> {
    return this.dataSource.getRepository(SigningKeyEntity).find({ where: { retiredAt: Or(IsNull(), MoreThan(retiredSince)) }, order: { createdAt: 'DESC' } });
  }
}
