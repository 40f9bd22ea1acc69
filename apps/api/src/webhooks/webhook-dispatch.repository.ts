import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { BackgroundStatementRunner } from '../database/background-lane';
import { EVENTS_CHANNEL, Notifier } from '../database/notifier';
import { UnitOfWork } from '../database/unit-of-work';
import { FeedPosition } from '../events/event-row';

const DISPATCH_LOCK = 0x57686b73; // pg advisory lock id: "Whks"
const NAME = 'webhooks';

// A transaction-level advisory lock takes no transaction id: holding it does not hold back the feed's settled
// bound (which waits for every transaction with an id to end).
const tryLock = defineStatement('webhookDispatch.tryLock', (p: Params<{ lock: number }>) => sql`SELECT pg_try_advisory_xact_lock(${p.lock}) AS locked`);
const read = defineStatement('webhookDispatch.read', (p: Params<{ name: string }>) => sql`
  SELECT position FROM webhook_dispatch_position WHERE name = ${p.name}`);
const start = defineStatement('webhookDispatch.start', (p: Params<{ name: string; position: string }>) => sql`
  INSERT INTO webhook_dispatch_position (name, position) VALUES (${p.name}, ${p.position}::jsonb) ON CONFLICT (name) DO NOTHING`);
const advance = defineStatement('webhookDispatch.advance', (p: Params<{ name: string; position: string }>) => sql`
  UPDATE webhook_dispatch_position SET position = ${p.position}::jsonb, updated_at = now() WHERE name = ${p.name}`);

/** How far the feed has been turned into deliveries, and the lock that lets one replica at a time do it (background lane). */
@Injectable()
export class WebhookDispatchRepository {
  constructor(
    private readonly statements: BackgroundStatementRunner,
    private readonly notifier: Notifier,
  ) {}

  /** Where dispatch starts on a new database: `head`, so history from before webhooks existed is not sent. */
  async start(head: FeedPosition | null): Promise<void> {
    await this.statements.count(start, { name: NAME, position: JSON.stringify(head) });
  }

  /** False when another replica is dispatching now. */
  async tryLock(unit: UnitOfWork): Promise<boolean> {
    return (await this.statements.one<unknown, { locked: boolean }>(tryLock, { lock: DISPATCH_LOCK }, unit))?.locked === true;
  }

  /** Outside any transaction: where the next batch starts, unless another replica gets there first. */
  async current(): Promise<FeedPosition | null> {
    return ((await this.statements.one<unknown, { position: FeedPosition | null }>(read, { name: NAME }))?.position as FeedPosition | null) ?? null;
  }

  async read(unit: UnitOfWork): Promise<FeedPosition | null> {
    return ((await this.statements.one<unknown, { position: FeedPosition | null }>(read, { name: NAME }, unit))?.position as FeedPosition | null) ?? null;
  }

  async advance(unit: UnitOfWork, position: FeedPosition): Promise<void> {
    await this.statements.count(advance, { name: NAME, position: JSON.stringify(position) }, unit);
  }

  /** Wakes the followers of every replica once `unit` commits: their senders then find the deliveries it queued. */
  notifyReplicas(unit: UnitOfWork): void {
    this.notifier.afterCommit(unit, EVENTS_CHANNEL, '');
  }
}
