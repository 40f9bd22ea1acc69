import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, ClientAccessKey, CreateClientRequest } from '@roster/dto';
import { DataSource } from 'typeorm';
import { AuthEpochService } from '../auth/auth-epoch.service';
import { holds, Permission } from '../auth/permissions';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../errors/app-error';
import { generateAccessKey, newClientId } from './access-key';
import { ServiceClientKeyEntity } from './service-client-key.entity';
import { ServiceClientEntity } from './service-client.entity';

const toClient = (entity: ServiceClientEntity): Client => ({ clientId: entity.id, name: entity.name, permissions: entity.permissions, createdTime: entity.createdAt.toISOString() });

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly epoch: AuthEpochService,
  ) {}

  async create(caller: Principal, request: CreateClientRequest): Promise<Client> {
    const permissions = [...new Set(request.permissions ?? [])] as Permission[];
    const missing = permissions.find((permission) => !holds(caller.permissions, permission));
    if (missing) throw new AppError(ErrorCode.Forbidden, `The caller cannot grant ${missing}, which it does not hold.`);
    const entity = await this.dataSource.getRepository(ServiceClientEntity).save({ id: newClientId(), name: request.name, permissions });
    return toClient(entity);
  }

  async list(): Promise<Client[]> {
    return (await this.dataSource.getRepository(ServiceClientEntity).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 })).map(toClient);
  }

  async createAccessKey(clientId: string): Promise<ClientAccessKey> {
    if (!(await this.dataSource.getRepository(ServiceClientEntity).existsBy({ id: clientId }))) throw new AppError(ErrorCode.NotFound, 'The client does not exist.');
    const key = generateAccessKey(clientId, this.config.env.ROSTER_ACCOUNT_ID);
    const saved = await this.dataSource.getRepository(ServiceClientKeyEntity).save({ clientId, keyId: key.keyId, publicKey: key.publicKey });
    return { keyId: key.keyId, clientId, accessKey: key.accessKey, createdTime: saved.createdAt.toISOString() };
  }

  /** Revokes the key; tokens signed with it fail on every replica within a second. */
  async revokeAccessKey(clientId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.query(`UPDATE service_client_keys SET revoked_at = now() WHERE client_id = $1 AND key_id = $2 AND revoked_at IS NULL`, [clientId, keyId]);
      if (result[1] === 0) throw new AppError(ErrorCode.NotFound, 'The access key does not exist.');
      await this.epoch.bump(manager);
    });
  }
}
