import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { Attribution } from '../events/attribution';
import { IdentityEntity } from './identity.entity';
import { ListPosition } from './list-cursor';
import { Aesthetics, UserEntity } from './user.entity';
import { UUID_PATTERN } from './user-ids';
import { FilterPlan, UserListQuery, userListSql } from './user-list.sql';
import { isShortFilter } from './user-search';
import { findUserById, findUserByUserId, lockUser, markUserDeleting, revokeUserTokens, tombstoneIdentities, updateProfile } from './users.statements';

/** A live user as one read returns it: the row and its identities, oldest first. */
export interface UserWithIdentities {
  user: UserEntity;
  identities: IdentityEntity[];
}

/** The columns a profile update may set; `aesthetics` is merged into the stored one within `theme` and `font`. */
export type ProfileChanges = Partial<Pick<UserEntity, 'name' | 'username' | 'picture' | 'vanityname' | 'beta' | 'aesthetics'>>;

type Row = Record<string, unknown>;
const dateOf = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

function toUser(row: Row): UserEntity {
  return Object.assign(new UserEntity(), {
    id: row.id, userId: row.user_id, email: row.email, emailVerified: row.email_verified, name: row.name, username: row.username, picture: row.picture,
    vanityname: row.vanityname, aesthetics: row.aesthetics, beta: row.beta, metadata: row.metadata, tokensValidAfter: row.tokens_valid_after,
    createdAt: row.created_at, updatedAt: row.updated_at, version: row.version, deletingAt: row.deleting_at,
  });
}

/** An identity as json_agg prints it: timestamps arrive as text. */
function toIdentity(row: Row): IdentityEntity {
  return Object.assign(new IdentityEntity(), {
    id: row.id, userId: row.user_id, issuer: row.issuer, subject: row.subject, provider: row.provider, connection: row.connection,
    isSocial: row.is_social, profileData: row.profile_data, createdAt: dateOf(row.created_at), updatedAt: dateOf(row.updated_at),
  });
}

const withIdentities = (row: Row | undefined): UserWithIdentities | null => (row ? { user: toUser(row), identities: (row.identities as Row[]).map(toIdentity) } : null);

/** Every statement on users (and their identities): live users only, never those being deleted. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly statements: StatementRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A uuid names a user by id, anything else by userId: both ids resolve wherever a path takes a user. A userId
   * never has the shape of a uuid (userIdFor), so neither can stand for another user's.
   */
  findByAnyId(id: string): Promise<UserWithIdentities | null> {
    const uuid = id.toLowerCase();
    return UUID_PATTERN.test(uuid) ? this.findById(uuid) : this.findByUserId(id);
  }

  async findById(id: string): Promise<UserWithIdentities | null> {
    return withIdentities(await this.statements.one(findUserById, { id }));
  }

  async findByUserId(userId: string): Promise<UserWithIdentities | null> {
    return withIdentities(await this.statements.one(findUserByUserId, { userId }));
  }

  /**
   * Applies `changes` to the live user `id` in one statement that also records its user.updated event and
   * announces the change to every replica (on commit): with `version`, only if the row is at that version.
   * Null when nothing matched.
   */
  async updateProfile(id: string, changes: ProfileChanges, version: number | null, by: Attribution): Promise<UserWithIdentities | null> {
    const set = (key: keyof ProfileChanges) => key in changes;
    const row = await this.statements.one(updateProfile, {
      id,
      version,
      actorType: by.actor.type,
      actorId: by.actor.id,
      requestId: by.requestId,
      setName: set('name'), name: changes.name ?? null,
      setUsername: set('username'), username: changes.username ?? null,
      setPicture: set('picture'), picture: changes.picture ?? null,
      setVanityname: set('vanityname'), vanityname: changes.vanityname ?? null,
      setBeta: set('beta'), beta: changes.beta === undefined || changes.beta === null ? null : JSON.stringify(changes.beta),
      aesthetics: changes.aesthetics ? JSON.stringify(changes.aesthetics as Aesthetics) : null,
    });
    return withIdentities(row);
  }

  /** The identity (issuer, subject), if linked to a user. */
  findIdentity(issuer: string, subject: string, work: UnitOfWork): Promise<IdentityEntity | null> {
    return work.manager.findOneBy(IdentityEntity, { issuer, subject });
  }

  /** The user row `id` (even one being deleted), locked until the unit of work ends. */
  findForUpdate(id: string, work: UnitOfWork): Promise<UserEntity | null> {
    return work.manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  isUserIdTaken(userId: string, work: UnitOfWork): Promise<boolean> {
    return work.manager.existsBy(UserEntity, { userId });
  }

  /** A new user with userId `userId` and its first identity. */
  async createWithIdentity(userId: string, identity: Pick<IdentityEntity, 'issuer' | 'subject' | 'provider'>, work: UnitOfWork): Promise<UserEntity> {
    const user = await work.manager.save(UserEntity, work.manager.create(UserEntity, { userId }));
    await work.manager.save(IdentityEntity, work.manager.create(IdentityEntity, { ...identity, userId: user.id, isSocial: false }));
    return user;
  }

  /** Writes a user row read with findForUpdate (or created), bumping its version; returns it with its identities. */
  async save(user: UserEntity, work: UnitOfWork): Promise<UserWithIdentities> {
    const saved = await work.manager.save(UserEntity, user);
    return { user: saved, identities: await work.manager.find(IdentityEntity, { where: { userId: saved.id }, order: { createdAt: 'ASC' } }) };
  }

  /** Locks the user row (live or being deleted) until the unit of work ends; false when there is none. */
  async lock(id: string, work: UnitOfWork): Promise<boolean> {
    return (await this.statements.rows(lockUser, { id }, work)).length > 0;
  }

  /** Marks the live user deleted and tombstones their identities; false when there was no live user. */
  async markDeleting(id: string, work: UnitOfWork): Promise<boolean> {
    if ((await this.statements.count(markUserDeleting, { id }, work)) === 0) return false;
    await this.statements.count(tombstoneIdentities, { id }, work);
    return true;
  }

  /** Tokens issued before now are refused from now on. */
  async revokeTokens(id: string, work: UnitOfWork): Promise<void> {
    await this.statements.count(revokeUserTokens, { id }, work);
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
}
