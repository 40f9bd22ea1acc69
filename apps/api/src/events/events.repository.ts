import { Injectable } from '@nestjs/common';
import { BackgroundStatementRunner } from '../database/background-lane';
import { EVENTS_CHANNEL, Notifier } from '../database/notifier';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { EventDraft } from './event-draft';
import { insertEvent, positionOf, purgeBatch, readAfter, settledBound, settledHead, unsettled } from './events.statements';
import { EventRow, FeedPosition } from './event-row';

/**
 * Every statement on the outbox. The followers' reads (feed, head, settling) run on the background lane.
 * Without the app's background runner and notifier (specs, CLI commands) everything runs on `statements`.
 */
@Injectable()
export class EventsRepository {
  private readonly followers: StatementRunner;
  private readonly notifier: Notifier;

  constructor(
    private readonly statements: StatementRunner,
    background?: BackgroundStatementRunner,
    notifier?: Notifier,
  ) {
    this.followers = background ?? statements;
    this.notifier = notifier ?? new Notifier(statements);
  }

  async insert(draft: EventDraft, work: UnitOfWork): Promise<string> {
    const row = await this.statements.one<Parameters<typeof insertEvent.values>[0], { eventId: string }>(
      insertEvent,
      {
        type: draft.type,
        actorType: draft.actor.type,
        actorId: draft.actor.id,
        requestId: draft.requestId ?? null,
        userId: draft.userId ?? null,
        tenantId: draft.tenantId ?? null,
        data: JSON.stringify(draft.data),
      },
      work,
    );
    this.notifier.afterCommit(work, EVENTS_CHANNEL, '');
    return row!.eventId;
  }

  /** The settled bound now (an xid8 as text): see events.statements.ts. Its own statement, before any read that uses it. */
  async settledBound(runner: StatementRunner = this.statements): Promise<string> {
    return (await runner.one<Record<string, never>, { bound: string }>(settledBound, {}))!.bound;
  }

  /** Settled rows after `after` (from the start when null), in position order. */
  async readAfter(after: FeedPosition | null, limit: number): Promise<EventRow[]> {
    const bound = await this.settledBound(this.followers);
    return this.followers.rows(readAfter, { txId: after?.txId ?? '0', seq: after?.seq ?? '0', bound, limit });
  }

  async positionOf(eventId: string): Promise<FeedPosition | null> {
    return (await this.statements.one<{ eventId: string }, FeedPosition>(positionOf, { eventId })) ?? null;
  }

  async settledHead(): Promise<FeedPosition | null> {
    const bound = await this.settledBound(this.followers);
    return (await this.followers.one<{ bound: string }, FeedPosition>(settledHead, { bound })) ?? null;
  }

  /** The settled bound and whether recorded rows lie at or above it. */
  async settling(): Promise<{ bound: string; unsettled: boolean }> {
    const bound = await this.settledBound(this.followers);
    const row = await this.followers.one<{ bound: string }, { unsettled: boolean }>(unsettled, { bound });
    return { bound, unsettled: row!.unsettled };
  }

  /** Deletes up to `limit` events older than `days` days; the number deleted. */
  purgeBatch(days: number, limit: number): Promise<number> {
    return this.statements.count(purgeBatch, { days, limit });
  }
}
