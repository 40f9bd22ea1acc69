import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { UUID_PATTERN } from '../database/postgres-errors';
import { PreparedStatements } from '../database/prepared-statements';
import { IdentityEntity } from './identity.entity';
import { ListPosition } from './list-cursor';
import { Aesthetics, UserEntity } from './user.entity';
import { FilterPlan, UserListQuery, userListSql } from './user-list.sql';
import { isShortFilter } from './user-search';
import { UserWithIdentitiesReader } from './user-with-identities.sql';

/** Columns a profile update sets; `aesthetics` is merged into the stored one within `theme` and `font`. */
export type UserChanges = Partial<Pick<UserEntity, 'name' | 'username' | 'picture' | 'vanityname' | 'beta' | 'aesthetics'>>;

/** `theme` and `font` of the stored aesthetics, each overlaid with the patch's keys; other keys dropped. */
const MERGED_AESTHETICS = (patch: string) =>
  `jsonb_build_object(${['theme', 'font'].map((key) => `'${key}', (CASE WHEN jsonb_typeof("aesthetics"->'${key}') = 'object' THEN "aesthetics"->'${key}' ELSE '{}' END) || coalesce(${patch}::jsonb->'${key}', '{}')`).join(', ')})`;

/** Reads of live users (never those being deleted), and the one-statement profile update. */
@Injectable()
export class UsersRepository {
  private readonly reader: UserWithIdentitiesReader;
  /** Identities read in the same statement as their user: the profile of that row needs no second query. */
  private readonly identitiesRead = new WeakMap<UserEntity, IdentityEntity[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource, config: AppConfig) {
    this.reader = new UserWithIdentitiesReader(dataSource, new PreparedStatements(dataSource, config.database.preparedStatements));
  }

  /**
   * A uuid names a user by id, anything else by userId: both ids resolve wherever a path takes a user. A userId
   * never has the shape of a uuid (userIdFor), so neither can stand for another user's.
   */
  findByAnyId(id: string): Promise<UserEntity | null> {
    const uuid = id.toLowerCase();
    if (UUID_PATTERN.test(uuid)) return this.read(`"id" = $1::uuid`, [uuid]);
    return this.read(`"user_id" = $1`, [id]);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.read(`"id" = $1`, [id]);
  }

  /**
   * Applies `changes` to the live user `id` in one statement (with `expectedVersion`, only if the row is at
   * that version), bumping its version; `returning` is SQL evaluated over the new row (see the reader).
   * Null when nothing matched. The row and its identities come back as `findById` returns them.
   */
  async update(id: string, changes: UserChanges, expectedVersion?: number, returning = ''): Promise<UserEntity | null> {
    const metadata = this.dataSource.getMetadata(UserEntity);
    const parameters: unknown[] = [];
    const placeholder = (value: unknown) => `$${parameters.push(value) + 1}`;
    const set = Object.entries(changes).map(([property, value]) => {
      const column = `"${metadata.findColumnWithPropertyName(property)!.databaseName}"`;
      return `${column} = ${property === 'aesthetics' ? MERGED_AESTHETICS(placeholder(JSON.stringify(value as Aesthetics))) : placeholder(value)}`;
    });
    const condition = expectedVersion === undefined ? '' : `AND "version" = ${placeholder(expectedVersion)}`;
    return this.remember(await this.reader.update(id, set.join(', '), parameters, condition, returning));
  }

  /** The user's identities, oldest first: those read with this row, else read now. */
  async identitiesOf(user: UserEntity): Promise<IdentityEntity[]> {
    return this.identitiesRead.get(user) ?? this.dataSource.getRepository(IdentityEntity).find({ where: { userId: user.id }, order: { createdAt: 'ASC' } });
  }

  /**
   * One page in list order, and the position of its last row when another page follows. A filter of one or
   * two characters first looks through the next rows in order (a common one fills the page there), and only
   * then asks the gram index, whose cost grows with the matches: each way stays small.
   */
  async listPage(query: UserListQuery): Promise<{ users: UserEntity[]; next?: ListPosition }> {
    const run = async (plan: FilterPlan): Promise<Array<{ id: string; position: string }>> => {
      const { sql, parameters } = userListSql(query, plan);
      return this.dataSource.query(sql, parameters);
    };
    let rows = query.filter && isShortFilter(query.filter) ? await run('window') : [];
    if (rows.length <= query.limit) rows = await run('index');
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

  private async read(where: string, parameters: unknown[], order = ''): Promise<UserEntity | null> {
    return this.remember(await this.reader.read(where, parameters, order));
  }

  private remember(found: { user: UserEntity; identities: IdentityEntity[] } | null): UserEntity | null {
    if (!found) return null;
    this.identitiesRead.set(found.user, found.identities);
    return found.user;
  }
}
