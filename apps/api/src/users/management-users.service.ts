import { Injectable } from '@nestjs/common';
import { Link, ListUsersQuery, UserIdentityCollection } from '@roster/dto';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { AppConfig } from '../config/app-config';
import { deriveKey } from '../crypto/secret-box';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { UserDeletionJob } from '../jobs/user-deletion.job';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { ListCursorCodec, listScope } from './list-cursor';
import { toUserIdentity } from './to-user-identity';
import { SessionsRepository } from '../auth/sessions.repository';
import { TransactionRunner } from '../database/unit-of-work';
import { UserAdminRepository } from './user-admin.repository';
import { UsersRepository } from './users.repository';

const DEFAULT_LIMIT = 100;

@Injectable()
export class ManagementUsersService {
  private readonly cursors: ListCursorCodec;

  constructor(
    private readonly users: UsersRepository,
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly sessions: SessionsRepository,
    private readonly epoch: RevocationEpoch,
    private readonly deletion: UserDeletionJob,
    private readonly events: ProfileEvents,
    private readonly recorder: EventsRecorder,
    private readonly admin: UserAdminRepository,
  ) {
    this.cursors = new ListCursorCodec(deriveKey(config.secretKey, 'cursor'));
  }

  async getUsers(query: ListUsersQuery): Promise<UserIdentityCollection> {
    const { filter, tenantId } = { filter: query.filter || undefined, tenantId: query.tenantId || undefined };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const scope = listScope(filter, tenantId);
    const after = query.cursor ? this.cursors.decode(query.cursor, scope) : undefined;
    const page = await this.users.listPage({ filter, tenantId, after, limit });
    const next = page.next && this.cursors.encode(page.next, scope);
    const link = (cursor?: string) => this.link({ limit, filter, tenantId, cursor });
    return {
      users: page.users.map(({ user, identities, tenantId }) => toUserIdentity(user, identities, tenantId)),
      pagination: next ? { next: { cursor: next } } : {},
      links: next ? { self: link(query.cursor), next: link(next) } : { self: link(query.cursor) },
    };
  }

  /**
   * Marks the user deleted (invisible to every read from the commit on), ends their sessions and tokens,
   * and enqueues the job that removes their rows, all in one transaction.
   */
  async deleteUser(id: string, by: Attribution): Promise<void> {
    const found = await this.users.findByAnyId(id);
    if (!found) throw new AppError(ErrorCode.NotFound, 'The user does not exist.');
    const userId = found.user.id;
    await this.transactions.run(async (work) => {
      if (!(await this.users.markDeleting(userId, work))) throw new AppError(ErrorCode.NotFound, 'The user does not exist.');
      await this.sessions.endSessions(userId, work);
      await this.epoch.bump(work);
      this.events.publish({ userId, kind: 'auth' }, work);
      await this.deletion.enqueue(work, userId);
      await this.recorder.record(work, { type: 'user.deletion_requested', ...by, userId: found.user.userId, data: {} });
    });
    this.deletion.wake();
  }

  /** Absolute, from PUBLIC_URL only (never a request's Host), keeping the query's limit, filter and tenantId. */
  private link(params: { limit: number; filter?: string; tenantId?: string; cursor?: string }): Link {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
    return { href: `${this.config.http.publicUrl}/v1/users?${search}` };
  }
}
