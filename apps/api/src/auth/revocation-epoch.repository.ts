import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defineStatement, sql } from '../database/sql';
import { runStatement, UnitOfWork } from '../database/unit-of-work';

const read = defineStatement('revocationEpoch.read', () => sql`SELECT value FROM revocation_epoch WHERE id = 1`);
const bump = defineStatement('revocationEpoch.bump', () => sql`UPDATE revocation_epoch SET value = value + 1 WHERE id = 1`);

/** The `revocation_epoch` row: one counter every revocation bumps. */
@Injectable()
export class RevocationEpochRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The counter (a bigint, as text), or undefined before the migration's row exists. */
  async read(): Promise<string | undefined> {
    const { rows } = await runStatement(this.dataSource, undefined, read, {});
    return (rows as Array<{ value: string }>)[0]?.value;
  }

  async bump(unit: UnitOfWork): Promise<void> {
    await runStatement(this.dataSource, unit, bump, {});
  }
}
