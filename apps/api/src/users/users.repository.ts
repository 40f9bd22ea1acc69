import { Injectable } from '@nestjs/common';
import { EVENTS_CHANNEL, Notifier, PROFILE_CHANNEL } from '../database/notifier';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { Attribution } from '../events/attribution';
import { profileEventPayload } from '../profile-changes/profile-events.service';
import { IdentityEntity } from './identity.entity';
import { ListPosition } from './list-cursor';
import { LinkedIdentityFields, UserIdentityFields } from './to-user-identity';
import { ProfileFields, ProviderFields } from './to-user-profile';
import { Aesthetics, UserEntity } from './user.entity';
import { UUID_PATTERN } from './user-ids';
import { ListParams, ShortFilterPlan, UserListQuery, userListStatement } from './user-list.statements';
import { isShortFilter } from './user-search';
import {
  createUserWithIdentity, findIdentity, findUserById, findUserByUserId, findUserForUpdate, findUserIdentityById, findUserIdentityByUserId, findUserProfile, isUserIdTaken, lockUser, markUserDeleting, revokeUserTokens, saveSignIn, tombstoneIdentities, updateProfile,
} from './users.statements';

/**
 * Rows a short filter's window looks through first (a term in at least ~1% of rows fills a page within it),
 * and at most how many more it looks through when the matches it found say the page ends within them.
 */
export const SHORT_FILTER_WINDOW = 10_000;
export const SHORT_FILTER_STRETCH = 15_000;

/** A live user as one read returns it: the row, its identities (oldest first) and its tenant, if any. */
export interface UserWithIdentities {
  user: UserEntity;
  identities: IdentityEntity[];
  tenantId?: string;
}

/**
 * What a UserProfile is made of: a UserWithIdentities has it all; findProfile reads only this. The lean reads go
 * through the same row mapping (withIdentities): the columns they do not select stay undefined, which this
 * narrower type keeps out of reach.
 */
export interface ProfileSource {
  user: ProfileFields;
  identities: ProviderFields[];
}

/** What a UserIdentity is made of: a UserWithIdentities has it all; findUserIdentity reads only this. */
export interface UserIdentitySource {
  user: UserIdentityFields;
  identities: LinkedIdentityFields[];
  tenantId?: string;
}

/** What a profile update returns: what the Pieces reply (a UserProfile) and the admin reply (a UserIdentity) show. */
export interface UpdatedProfile extends ProfileSource, UserIdentitySource {
  user: ProfileFields & UserIdentityFields;
  identities: Array<ProviderFields & LinkedIdentityFields>;
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

/** An identity row, or one as json_agg prints it (timestamps as text). */
function toIdentity(row: Row): IdentityEntity {
  return Object.assign(new IdentityEntity(), {
    id: row.id, userId: row.user_id, issuer: row.issuer, subject: row.subject, provider: row.provider, connection: row.connection,
    isSocial: row.is_social, profileData: row.profile_data, createdAt: dateOf(row.created_at), updatedAt: dateOf(row.updated_at),
  });
}

function withIdentities(row: Row | undefined): UserWithIdentities | null {
  if (!row) return null;
  const found: UserWithIdentities = { user: toUser(row), identities: (row.identities as Row[]).map(toIdentity) };
  if (typeof row.tenant === 'string') found.tenantId = row.tenant;
  return found;
}

/** Every statement on users (and their identities): live users only, never those being deleted. */
@Injectable()
export class UsersRepository {
  private readonly notifier: Notifier;

  /** Without the app's notifier (specs, CLI commands) one of its own sends on `statements`. */
  constructor(
    private readonly statements: StatementRunner,
    notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(statements);
  }

  /**
   * A uuid names a user by id, anything else by userId: both ids resolve wherever a path takes a user. A userId
   * never has the shape of a uuid (userIdFor), so neither can stand for another user's.
   */
  findByAnyId(id: string): Promise<UserWithIdentities | null> {
    const uuid = id.toLowerCase();
    return UUID_PATTERN.test(uuid) ? this.findById(uuid) : this.findByUserId(id);
  }

  /** As findByAnyId, with only what a UserIdentity shows (GET /v1/users/{userId}). */
  async findUserIdentity(id: string): Promise<UserIdentitySource | null> {
    const uuid = id.toLowerCase();
    const row = UUID_PATTERN.test(uuid) ? await this.statements.one(findUserIdentityById, { id: uuid }) : await this.statements.one(findUserIdentityByUserId, { userId: id });
    return withIdentities(row);
  }

  async findById(id: string): Promise<UserWithIdentities | null> {
    return withIdentities(await this.statements.one(findUserById, { id }));
  }

  /** The live user's profile fields and providers only (GET /user): a third of the columns findById reads. */
  async findProfile(id: string): Promise<ProfileSource | null> {
    return withIdentities(await this.statements.one(findUserProfile, { id }));
  }

  async findByUserId(userId: string): Promise<UserWithIdentities | null> {
    return withIdentities(await this.statements.one(findUserByUserId, { userId }));
  }

  /**
   * Applies `changes` to the live user `id` in one statement that also records its user.updated event, then
   * announces the change to every replica: with `version`, only if the row is at that version. Null when
   * nothing matched. It returns only what the replies show: the whole row cost a date parse per timestamp.
   */
  async updateProfile(id: string, changes: ProfileChanges, version: number | null, by: Attribution): Promise<UpdatedProfile | null> {
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
    if (row) {
      // Both go out in one batch: the profile's subscribers, and the outbox's followers for the event it recorded.
      const payload = profileEventPayload({ userId: row.id as string, kind: 'changed', version: row.version as number });
      await Promise.all([this.notifier.send(PROFILE_CHANNEL, payload), this.notifier.send(EVENTS_CHANNEL, '')]);
    }
    return withIdentities(row);
  }

  /** The identity (issuer, subject), if linked to a user. */
  async findIdentity(issuer: string, subject: string, work: UnitOfWork): Promise<IdentityEntity | null> {
    const row = await this.statements.one(findIdentity, { issuer, subject }, work);
    return row ? toIdentity(row) : null;
  }

  /** The user row `id` (even one being deleted), locked until the unit of work ends. */
  async findForUpdate(id: string, work: UnitOfWork): Promise<UserEntity | null> {
    const row = await this.statements.one(findUserForUpdate, { id }, work);
    return row ? toUser(row) : null;
  }

  async isUserIdTaken(userId: string, work: UnitOfWork): Promise<boolean> {
    return (await this.statements.one<{ userId: string }, { taken: boolean }>(isUserIdTaken, { userId }, work))?.taken === true;
  }

  /** A new user with userId `userId` and its first identity. */
  async createWithIdentity(userId: string, identity: Pick<IdentityEntity, 'issuer' | 'subject' | 'provider'>, work: UnitOfWork): Promise<UserEntity> {
    return toUser((await this.statements.one(createUserWithIdentity, { userId, issuer: identity.issuer, subject: identity.subject, provider: identity.provider }, work))!);
  }

  /**
   * Writes what a sign-in sets on a user row read with findForUpdate (or created): email, emailVerified, name,
   * picture, username, metadata; the version moves only when one changed. Returns it with its identities.
   */
  async saveSignIn(user: UserEntity, work: UnitOfWork): Promise<UserWithIdentities> {
    const { id, email, emailVerified, name, picture, username, metadata } = user;
    const row = await this.statements.one(saveSignIn, { id, email, emailVerified, name, picture, username, metadata: metadata === null || metadata === undefined ? null : JSON.stringify(metadata) }, work);
    return withIdentities(row)!;
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
   * two characters has no trigram: it first looks through the next rows in order (a common one fills the page
   * there); when the window found a few matches, their spread says how far on the page ends, and a longer
   * window carries on from the last one if that is near; only then does it ask the gram index, whose cost
   * grows with the matches. Each way stays small.
   */
  async listPage(query: UserListQuery): Promise<{ users: UserWithIdentities[]; next?: ListPosition }> {
    const wanted = query.limit + 1;
    const run = async (plan: ShortFilterPlan, after: ListPosition | undefined, window = 0) => {
      const { statement, params } = userListStatement({ ...query, after }, plan, window, wanted - rows.length);
      rows.push(...(await this.statements.rows<ListParams, Row>(statement, params)));
    };
    const rows: Row[] = [];
    const lastPosition = () => (rows.length ? { createdAt: rows[rows.length - 1].position as string, id: rows[rows.length - 1].id as string } : query.after);
    if (query.filter && isShortFilter(query.filter)) {
      await run('window', query.after, SHORT_FILTER_WINDOW);
      const expected = rows.length && ((wanted - rows.length) * SHORT_FILTER_WINDOW) / rows.length;
      if (rows.length < wanted && expected && expected <= SHORT_FILTER_STRETCH) await run('window', lastPosition(), SHORT_FILTER_STRETCH);
      if (rows.length < wanted) await run('index', lastPosition());
    } else await run('index', query.after);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { users: page.map((row) => withIdentities(row)!), next: rows.length > query.limit ? { createdAt: last.position as string, id: last.id as string } : undefined };
  }
}
