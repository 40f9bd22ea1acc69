import { Injectable } from '@nestjs/common';
import { UpdateUserRequest, UserDeletion, UserIdentity, UserSessionCollection } from '@roster/dto';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { uniqueViolation } from '../database/postgres-errors';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { IfMatch } from '../user/if-match';
import { checkVanityName } from '../user/vanity-name.policy';
import { etagOf } from './to-user-profile';
import { toUserIdentity } from './to-user-identity';
import { UserAdminRepository } from './user-admin.repository';
import { ProfileChanges, UserIdentitySource, UsersRepository, UserWithIdentities } from './users.repository';
import { UUID_PATTERN } from './user-ids';

export interface UserWithEtag {
  user: UserIdentity;
  etag: string;
}

const notFound = () => new AppError(ErrorCode.NotFound, 'The user does not exist.');
/** 412 carries the current version's ETag, so the caller can fetch (or show) what it would have overwritten. */
const stale = (etag: string) => new AppError(ErrorCode.PreconditionFailed, 'The user changed since it was read (If-Match does not match its ETag).', { ETag: etag });

/** Administrators' changes to one user: profile edits with If-Match, and ending their sessions. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly users: UsersRepository,
    private readonly admin: UserAdminRepository,
    private readonly transactions: TransactionRunner,
    private readonly epoch: RevocationEpoch,
    private readonly profileEvents: ProfileEvents,
    private readonly events: EventsRecorder,
  ) {}

  async get(id: string): Promise<UserWithEtag> {
    const found = await this.users.findUserIdentity(id);
    if (!found) throw notFound();
    return this.withEtag(found);
  }

  async update(id: string, body: UpdateUserRequest, ifMatch: IfMatch, by: Attribution): Promise<UserWithEtag> {
    const found = await this.find(id);
    if (ifMatch.kind === 'never' || (ifMatch.kind === 'version' && ifMatch.version !== found.user.version)) throw stale(etagOf(found.user));
    const changes: ProfileChanges = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.username !== undefined) changes.username = body.username;
    if (body.picture !== undefined) changes.picture = body.picture;
    if (body.vanityName !== undefined) changes.vanityname = body.vanityName === '' ? null : checkVanityName(body.vanityName);
    if (Object.keys(changes).length === 0) return this.withEtag(found);
    try {
      // One statement: the conditional update, its NOTIFY and its user.updated event (naming the fields that changed).
      const updated = await this.users.updateProfile(found.user.id, changes, ifMatch.kind === 'version' ? ifMatch.version : null, by);
      if (!updated) throw await this.staleOrGone(found.user.id);
      return this.withEtag(updated);
    } catch (error) {
      if (uniqueViolation(error)) throw new AppError(ErrorCode.Conflict, 'vanityName is taken.');
      throw error;
    }
  }

  async deletion(id: string): Promise<UserDeletion> {
    const row = await this.admin.deletion(UUID_PATTERN.test(id.toLowerCase()) ? { id: id.toLowerCase() } : { userId: id });
    if (!row) return { status: 'finished' };
    return row.deletingAt ? { status: 'running', requestedTime: new Date(row.deletingAt).toISOString() } : { status: 'none' };
  }

  async sessions(id: string): Promise<UserSessionCollection> {
    const { user } = await this.find(id);
    const open = await this.admin.openSessions(user.id);
    return {
      sessions: open.map((session) => ({
        sessionId: session.id, issuer: session.issuer, createdTime: new Date(session.createdAt).toISOString(), lastSeenTime: new Date(session.lastSeenAt).toISOString(),
        ...(session.expiresAt ? { expiresTime: new Date(session.expiresAt).toISOString() } : {}),
      })),
    };
  }

  /** Ends one open session: its tokens fail on every replica within a second, and its streams close. */
  async endSession(id: string, sessionId: string, by: Attribution): Promise<void> {
    const { user } = await this.find(id);
    if (!UUID_PATTERN.test(sessionId.toLowerCase())) throw new AppError(ErrorCode.NotFound, 'The session does not exist or has ended.');
    await this.transactions.run(async (unit) => {
      if (!(await this.admin.endSession(user.id, sessionId, unit))) throw new AppError(ErrorCode.NotFound, 'The session does not exist or has ended.');
      await this.signedOut(unit, user.id, user.userId, [sessionId], by);
    });
  }

  /** Signs the user out everywhere: every session ends and every token issued until now fails, as a disconnect does. */
  async endSessions(id: string, by: Attribution): Promise<void> {
    const { user } = await this.find(id);
    await this.transactions.run(async (unit) => {
      const ended = await this.admin.endSessions(user.id, unit);
      await this.users.revokeTokens(user.id, unit);
      await this.signedOut(unit, user.id, user.userId, ended, by);
    });
  }

  private async signedOut(unit: UnitOfWork, id: string, userId: string, sessionIds: string[], by: Attribution): Promise<void> {
    await this.epoch.bump(unit);
    this.profileEvents.publish({ userId: id, kind: 'auth' }, unit);
    await this.events.record(unit, { type: 'user.signed_out', actor: by.actor, requestId: by.requestId, userId, data: { reason: 'admin', sessionIds } });
  }

  private async find(id: string): Promise<UserWithIdentities> {
    const found = await this.users.findByAnyId(id);
    if (!found) throw notFound();
    return found;
  }

  private async staleOrGone(id: string): Promise<AppError> {
    const now = await this.users.findById(id);
    return now ? stale(etagOf(now.user)) : notFound();
  }

  private withEtag(found: UserIdentitySource): UserWithEtag {
    return { user: toUserIdentity(found.user, found.identities, found.tenantId), etag: etagOf(found.user) };
  }
}
