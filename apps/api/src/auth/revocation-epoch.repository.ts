import { Injectable } from '@nestjs/common';
import { defineStatement, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';

const read = defineStatement('revocationEpoch.read', () => sql`SELECT value FROM revocation_epoch WHERE id = 1`);
const bump = defineStatement('revocationEpoch.bump', () => sql`UPDATE revocation_epoch SET value = value + 1 WHERE id = 1`);

/** The `revocation_epoch` row: one counter every revocation bumps. */
@Injectable()
export class RevocationEpochRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** The counter (a bigint, as text), or undefined before the migration's row exists. */
  async read(): Promise<string | undefined> {
    const rows = await this.statements.rows(read, {});
    return (rows as Array<{ value: string }>)[0]?.value;
  }

  async bump(unit: UnitOfWork): Promise<void> {
    await this.statements.count(bump, {}, unit);
  }
}
