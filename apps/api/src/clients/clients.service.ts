import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, ClientAccessKey, ClientWithKeys, CreateClientRequest, UpdateClientRequest } from '@roster/dto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthEpochService } from '../auth/auth-epoch.service';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../errors/app-error';
import { generateAccessKey, newClientId } from './access-key';
import { assertMayManage } from './client-management.policy';
import { ServiceClientKeyEntity } from './service-client-key.entity';
import { ServiceClientEntity } from './service-client.entity';

const toClient = (entity: ServiceClientEntity): Client => ({ clientId: entity.id, name: entity.name, permissions: entity.permissions, createdTime: entity.createdAt.toISOString() });
const unique = (permissions: string[] | undefined) => [...new Set(permissions ?? [])];
const clientMissing = () => new AppError(ErrorCode.NotFound, 'The client does not exist.');

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly epoch: AuthEpochService,
  ) {}

  async create(caller: Principal, request: CreateClientRequest): Promise<Client> {
    const permissions = unique(request.permissions);
    assertMayManage(caller, permissions);
    const entity = await this.dataSource.getRepository(ServiceClientEntity).save({ id: newClientId(), name: request.name, permissions });
    return toClient(entity);
  }

  async list(): Promise<Client[]> {
    const clients = await this.dataSource.getRepository(ServiceClientEntity).find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 });
    return clients.map(toClient);
  }

  async get(clientId: string): Promise<ClientWithKeys> {
    const client = await this.find(this.dataSource.manager, clientId);
    const keys = await this.dataSource.getRepository(ServiceClientKeyEntity).find({ where: { clientId }, order: { createdAt: 'ASC', keyId: 'ASC' } });
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
  async update(caller: Principal, clientId: string, request: UpdateClientRequest): Promise<Client> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.find(manager, clientId, true);
      const permissions = request.permissions === undefined ? client.permissions : unique(request.permissions);
      assertMayManage(caller, client.permissions, permissions);
      client.name = request.name ?? client.name;
      client.permissions = permissions;
      await manager.save(ServiceClientEntity, client);
      await this.epoch.bump(manager);
      return toClient(client);
    });
  }

  /** Revokes every key of the client at once, on every replica within a second; the client is gone from reads. */
  async remove(caller: Principal, clientId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const client = await this.find(manager, clientId, true);
      assertMayManage(caller, client.permissions);
      await manager.update(ServiceClientKeyEntity, { clientId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      await manager.update(ServiceClientEntity, { id: clientId }, { deletedAt: () => 'now()' });
      await this.epoch.bump(manager);
    });
  }

  async createAccessKey(caller: Principal, clientId: string): Promise<ClientAccessKey> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.find(manager, clientId, true);
      assertMayManage(caller, client.permissions);
      const key = generateAccessKey(clientId, this.config.auth.accountId);
      const saved = await manager.save(ServiceClientKeyEntity, { clientId, keyId: key.keyId, publicKey: key.publicKey });
      return { keyId: key.keyId, clientId, accessKey: key.accessKey, createdTime: saved.createdAt.toISOString() };
    });
  }

  /** Revokes the key; tokens signed with it fail on every replica within a second. */
  async revokeAccessKey(caller: Principal, clientId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const client = await this.find(manager, clientId, true);
      assertMayManage(caller, client.permissions);
      const result = await manager.update(ServiceClientKeyEntity, { clientId, keyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      if (!result.affected) throw new AppError(ErrorCode.NotFound, 'The access key does not exist.');
      await this.epoch.bump(manager);
    });
  }

  /** A live (not deleted) client; `lock` holds it against a concurrent change of its permissions. */
  private async find(manager: EntityManager, clientId: string, lock = false): Promise<ServiceClientEntity> {
    const client = await manager.findOne(ServiceClientEntity, { where: { id: clientId, deletedAt: IsNull() }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!client) throw clientMissing();
    return client;
  }
}
