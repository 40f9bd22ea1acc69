import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { ServiceClientKeyEntity } from './service-client-key.entity';
import { ServiceClientEntity } from './service-client.entity';

export type NewClient = Pick<ServiceClientEntity, 'id' | 'name' | 'permissions'>;
export interface NewClientKey {
  clientId: string;
  keyId: string;
  publicKey: string;
}

const BOOTSTRAP_LOCK = 0x41646d6e; // pg advisory lock id: "Admn"
const lockBootstrap = defineStatement('clients.lockBootstrap', (p: Params<{ lock: number }>) => sql`SELECT pg_advisory_xact_lock(${p.lock})`);
// Inserted only if absent: a revoked key stays revoked.
const addKeyIfAbsent = defineStatement('clients.addKeyIfAbsent', (p: Params<NewClientKey>) => sql`
  INSERT INTO service_client_keys (client_id, key_id, public_key) VALUES (${p.clientId}, ${p.keyId}, ${p.publicKey}) ON CONFLICT DO NOTHING`);

/** Service clients and their keys. Deleted clients keep their rows (see ServiceClientEntity.deletedAt). */
@Injectable()
export class ClientsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementRunner,
  ) {}

  create(unit: UnitOfWork, client: NewClient): Promise<ServiceClientEntity> {
    return unit.manager.getRepository(ServiceClientEntity).save({ ...client });
  }

  /** Fails on an existing id. */
  async insert(unit: UnitOfWork, client: NewClient): Promise<void> {
    await unit.manager.insert(ServiceClientEntity, { ...client });
  }

  listLive(): Promise<ServiceClientEntity[]> {
    return this.dataSource.getRepository(ServiceClientEntity).find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 });
  }

  async findLive(clientId: string): Promise<ServiceClientEntity | null> {
    return this.dataSource.getRepository(ServiceClientEntity).findOneBy({ id: clientId, deletedAt: IsNull() });
  }

  /** A live client, locked against a concurrent change of its permissions until the unit of work ends. */
  findLiveForUpdate(unit: UnitOfWork, clientId: string): Promise<ServiceClientEntity | null> {
    return unit.manager.findOne(ServiceClientEntity, { where: { id: clientId, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  /** Any client, deleted ones included. */
  exists(unit: UnitOfWork, clientId: string): Promise<boolean> {
    return unit.manager.existsBy(ServiceClientEntity, { id: clientId });
  }

  async isEmpty(unit: UnitOfWork): Promise<boolean> {
    return (await unit.manager.count(ServiceClientEntity)) === 0;
  }

  async update(unit: UnitOfWork, client: ServiceClientEntity): Promise<void> {
    await unit.manager.save(ServiceClientEntity, client);
  }

  /** Revokes every key of the client and marks it deleted. */
  async softDelete(unit: UnitOfWork, clientId: string): Promise<void> {
    await unit.manager.update(ServiceClientKeyEntity, { clientId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    await unit.manager.update(ServiceClientEntity, { id: clientId }, { deletedAt: () => 'now()' });
  }

  keysOf(clientId: string): Promise<ServiceClientKeyEntity[]> {
    return this.dataSource.getRepository(ServiceClientKeyEntity).find({ where: { clientId }, order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  /** The key's creation time. */
  async addKey(unit: UnitOfWork, key: NewClientKey): Promise<Date> {
    const { generatedMaps } = await unit.manager.insert(ServiceClientKeyEntity, { ...key });
    return generatedMaps[0].createdAt as Date;
  }

  /** Adds the key unless a key with its id exists (revoked or not); whether it added it. */
  async addKeyIfAbsent(unit: UnitOfWork, key: NewClientKey): Promise<boolean> {
    return (await this.statements.count(addKeyIfAbsent, key, unit)) > 0;
  }

  /** False when the client has no such unrevoked key. */
  async revokeKey(unit: UnitOfWork, clientId: string, keyId: string): Promise<boolean> {
    const { affected } = await unit.manager.update(ServiceClientKeyEntity, { clientId, keyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return Boolean(affected);
  }

  /** Serializes first-start bootstraps: two replicas starting together create one admin. */
  async lockBootstrap(unit: UnitOfWork): Promise<void> {
    await this.statements.rows(lockBootstrap, { lock: BOOTSTRAP_LOCK }, unit);
  }
}
