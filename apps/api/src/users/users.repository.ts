import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { UUID_PATTERN } from '../database/postgres-errors';
import { IdentityEntity } from './identity.entity';
import { ListPosition } from './list-cursor';
import { UserEntity } from './user.entity';
import { UserListQuery, userListSql } from './user-list.sql';


/** Reads of live users (never those being deleted). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By uuid first, then by userId: both ids resolve wherever a path takes a user. */
  async findByAnyId(id: string): Promise<UserEntity | null> {
    const users = this.dataSource.getRepository(UserEntity);
    if (UUID_PATTERN.test(id.toLowerCase())) {
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

  /** One page in list order, and the position of its last row when another page follows. */
  async listPage(query: UserListQuery): Promise<{ users: UserEntity[]; next?: ListPosition }> {
    const { sql, parameters } = userListSql(query);
    const rows: Array<{ id: string; position: string }> = await this.dataSource.query(sql, parameters);
    const page = rows.slice(0, query.limit);
    const byId = new Map((await this.dataSource.getRepository(UserEntity).findBy({ id: In(page.map((row) => row.id)) })).map((user) => [user.id, user]));
    const users = page.map((row) => byId.get(row.id)).filter((user): user is UserEntity => user !== undefined);
    const last = page[page.length - 1];
    return { users, next: rows.length > query.limit ? { createdAt: last.position, id: last.id } : undefined };
  }

  /** Identities of several users, grouped by user. */
  async identitiesOfMany(userIds: string[]): Promise<Map<string, IdentityEntity[]>> {
    const identities = userIds.length ? await this.dataSource.getRepository(IdentityEntity).find({ where: { userId: In(userIds) }, order: { createdAt: 'ASC' } }) : [];
    const grouped = new Map(userIds.map((id) => [id, [] as IdentityEntity[]]));
    for (const identity of identities) grouped.get(identity.userId)?.push(identity);
    return grouped;
  }
}
