import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of live users (never those being deleted). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By uuid first, then by userId: both ids resolve wherever a path takes a user. */
  async findByAnyId(id: string): Promise<UserEntity | null> {
    const users = this.dataSource.getRepository(UserEntity);
    if (UUID.test(id)) {
      const byUuid = await users.findOneBy({ id: id.toLowerCase(), deletingAt: IsNull() });
      if (byUuid) return byUuid;
    }
    return users.findOneBy({ userId: id, deletingAt: IsNull() });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id, deletingAt: IsNull() });
  }

  identitiesOf(userId: string): Promise<IdentityEntity[]> {
    return this.dataSource.getRepository(IdentityEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }
}
