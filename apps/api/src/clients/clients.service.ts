import { Injectable } from '@nestjs/common';
import { Client, ClientAccessKey, ClientWithKeys, CreateClientRequest, UpdateClientRequest } from '@roster/dto';
import { Principal } from '../auth/principal';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { AppConfig } from '../config/app-config';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { generateAccessKey, newClientId } from './access-key';
import { assertMayManage } from './client-management.policy';
import { ClientsRepository } from './clients.repository';
import { ServiceClientEntity } from './service-client.entity';

const toClient = (entity: ServiceClientEntity): Client => ({ clientId: entity.id, name: entity.name, permissions: entity.permissions, createdTime: entity.createdAt.toISOString() });
const unique = (permissions: string[] | undefined) => [...new Set(permissions ?? [])];
const samePermissions = (a: string[], b: string[]) => a.length === b.length && a.every((permission) => b.includes(permission));
const clientMissing = () => new AppError(ErrorCode.NotFound, 'The client does not exist.');

@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly epoch: RevocationEpoch,
    private readonly events: EventsRecorder,
  ) {}

  async create(caller: Principal, request: CreateClientRequest, by: Attribution): Promise<Client> {
    const permissions = unique(request.permissions);
    assertMayManage(caller, permissions);
    return this.transactions.run(async (unit) => {
      const client = await this.clients.create(unit, { id: newClientId(), name: request.name, permissions });
      await this.events.record(unit, { type: 'client.created', ...by, data: { clientId: client.id, name: client.name, permissions } });
      return toClient(client);
    });
  }

  async list(): Promise<Client[]> {
    return (await this.clients.listLive()).map(toClient);
  }

  async get(clientId: string): Promise<ClientWithKeys> {
    const client = await this.clients.findLive(clientId);
    if (!client) throw clientMissing();
    const keys = await this.clients.keysOf(clientId);
    return {
      ...toClient(client),
      keys: keys.map((key) => ({
        keyId: key.keyId,
        createdTime: key.createdAt.toISOString(),
        ...(key.revokedAt ? { revokedTime: key.revokedAt.toISOString() } : {}),
        ...(key.lastUsedAt ? { lastUsedTime: key.lastUsedAt.toISOString() } : {}),
      })),
    };
  }

  /** New permissions take effect on every replica within a second (cached tokens are dropped). */
  async update(caller: Principal, clientId: string, request: UpdateClientRequest, by: Attribution): Promise<Client> {
    return this.transactions.run(async (unit) => {
      const client = await this.lockLive(unit, clientId);
      const permissions = request.permissions === undefined ? client.permissions : unique(request.permissions);
      assertMayManage(caller, client.permissions, permissions);
      const fields = [...(request.name !== undefined && request.name !== client.name ? ['name'] : []), ...(!samePermissions(client.permissions, permissions) ? ['permissions'] : [])];
      client.name = request.name ?? client.name;
      client.permissions = permissions;
      await this.clients.update(unit, client);
      await this.epoch.bump(unit);
      await this.events.record(unit, { type: 'client.updated', ...by, data: { clientId, fields, name: client.name, permissions } });
      return toClient(client);
    });
  }

  /** Revokes every key of the client at once, on every replica within a second; the client is gone from reads. */
  async remove(caller: Principal, clientId: string, by: Attribution): Promise<void> {
    await this.transactions.run(async (unit) => {
      const client = await this.lockLive(unit, clientId);
      assertMayManage(caller, client.permissions);
      await this.clients.softDelete(unit, clientId);
      await this.epoch.bump(unit);
      await this.events.record(unit, { type: 'client.deleted', ...by, data: { clientId } });
    });
  }

  async createAccessKey(caller: Principal, clientId: string, by: Attribution): Promise<ClientAccessKey> {
    return this.transactions.run(async (unit) => {
      const client = await this.lockLive(unit, clientId);
      assertMayManage(caller, client.permissions);
      const key = generateAccessKey(clientId, this.config.auth.accountId);
      const createdAt = await this.clients.addKey(unit, { clientId, keyId: key.keyId, publicKey: key.publicKey });
      await this.events.record(unit, { type: 'client.access_key_created', ...by, data: { clientId, keyId: key.keyId } });
      return { keyId: key.keyId, clientId, accessKey: key.accessKey, createdTime: createdAt.toISOString() };
    });
  }

  /** Revokes the key; tokens signed with it fail on every replica within a second. */
  async revokeAccessKey(caller: Principal, clientId: string, keyId: string, by: Attribution): Promise<void> {
    await this.transactions.run(async (unit) => {
      const client = await this.lockLive(unit, clientId);
      assertMayManage(caller, client.permissions);
      if (!(await this.clients.revokeKey(unit, clientId, keyId))) throw new AppError(ErrorCode.NotFound, 'The access key does not exist.');
      await this.epoch.bump(unit);
      await this.events.record(unit, { type: 'client.access_key_revoked', ...by, data: { clientId, keyId } });
    });
  }

  /** A live client, held against a concurrent change of its permissions. */
  private async lockLive(unit: UnitOfWork, clientId: string): Promise<ServiceClientEntity> {
    const client = await this.clients.findLiveForUpdate(unit, clientId);
    if (!client) throw clientMissing();
    return client;
  }
}
