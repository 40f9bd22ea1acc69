import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { BackgroundStatementRunner } from '../database/background-lane';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { ListPosition } from '../users/list-cursor';

/** A webhook row as the service uses it. */
export interface WebhookRow {
  webhook_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  exclude_actor_client_ids: string[];
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
  /** The list position: created_at as UTC ISO text exact to the microsecond. */
  position: string;
}

export type NewWebhook = Pick<WebhookRow, 'webhook_id' | 'url' | 'description' | 'event_types' | 'exclude_actor_client_ids' | 'secret_sealed'>;
export type WebhookChanges = Pick<WebhookRow, 'webhook_id' | 'url' | 'description' | 'event_types' | 'exclude_actor_client_ids' | 'disabled_at' | 'disabled_reason' | 'failing_since'>;
type Secrets = Pick<WebhookRow, 'webhook_id' | 'secret_sealed' | 'previous_secret_sealed' | 'previous_secret_expires_at'>;

/** What the dispatcher needs of an enabled endpoint. */
export interface Subscriber {
  webhook_id: string;
  event_types: string[];
  exclude_actor_client_ids: string[];
  created_at: Date;
}

const insert = defineStatement('webhooks.insert', (p: Params<NewWebhook>) => sql`
  INSERT INTO webhooks (webhook_id, url, description, event_types, exclude_actor_client_ids, secret_sealed)
  VALUES (${p.webhook_id}, ${p.url}, ${p.description}, ${p.event_types}, ${p.exclude_actor_client_ids}, ${p.secret_sealed})`);
const page = defineStatement('webhooks.page', (p: Params<{ afterTime: string | null; afterId: string | null; limit: number }>) => sql`
  SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position FROM webhooks
  WHERE (created_at, webhook_id) > (coalesce(${p.afterTime}::timestamptz, '-infinity'), coalesce(${p.afterId}::text, ''))
  ORDER BY created_at, webhook_id LIMIT ${p.limit}`);
const find = defineStatement('webhooks.find', (p: Params<{ webhookId: string }>) => sql`
  SELECT *, '' AS position FROM webhooks WHERE webhook_id = ${p.webhookId}`);
const findForUpdate = defineStatement('webhooks.findForUpdate', (p: Params<{ webhookId: string }>) => sql`
  SELECT *, '' AS position FROM webhooks WHERE webhook_id = ${p.webhookId} FOR UPDATE`);
const update = defineStatement('webhooks.update', (p: Params<WebhookChanges>) => sql`
  UPDATE webhooks SET url = ${p.url}, description = ${p.description}, event_types = ${p.event_types}, exclude_actor_client_ids = ${p.exclude_actor_client_ids},
    disabled_at = ${p.disabled_at}, disabled_reason = ${p.disabled_reason}, failing_since = ${p.failing_since}, updated_at = now()
  WHERE webhook_id = ${p.webhook_id}`);
const setSecrets = defineStatement('webhooks.setSecrets', (p: Params<Secrets>) => sql`
  UPDATE webhooks SET secret_sealed = ${p.secret_sealed}, previous_secret_sealed = ${p.previous_secret_sealed},
    previous_secret_expires_at = ${p.previous_secret_expires_at}, updated_at = now()
  WHERE webhook_id = ${p.webhook_id}`);
const remove = defineStatement('webhooks.remove', (p: Params<{ webhookId: string }>) => sql`
  DELETE FROM webhooks WHERE webhook_id = ${p.webhookId}`);
const subscribers = defineStatement('webhooks.subscribers', () => sql`
  SELECT webhook_id, event_types, exclude_actor_client_ids, created_at FROM webhooks WHERE disabled_at IS NULL`);
const disable = defineStatement('webhooks.disable', (p: Params<{ webhookId: string; reason: string }>) => sql`
  UPDATE webhooks SET disabled_at = now(), disabled_reason = ${p.reason}, updated_at = now()
  WHERE webhook_id = ${p.webhookId} AND disabled_at IS NULL`);

/** Webhook endpoints. The dispatcher's read of the subscribers runs on the background lane. */
@Injectable()
export class WebhooksRepository {
  private readonly background: StatementRunner;

  constructor(
    private readonly statements: StatementRunner,
    background?: BackgroundStatementRunner,
  ) {
    this.background = background ?? statements;
  }

  async insert(unit: UnitOfWork, webhook: NewWebhook): Promise<void> {
    await this.statements.count(insert, webhook, unit);
  }

  /** Oldest first, after `after`; one row more than `limit` tells that another page follows. */
  async page(after: ListPosition | undefined, limit: number): Promise<{ rows: WebhookRow[]; next?: ListPosition }> {
    const rows = await this.statements.rows<unknown, WebhookRow>(page, { afterTime: after?.createdAt ?? null, afterId: after?.id ?? null, limit: limit + 1 });
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    return { rows: kept, next: rows.length > limit ? { createdAt: last.position, id: last.webhook_id } : undefined };
  }

  find(webhookId: string): Promise<WebhookRow | undefined> {
    return this.statements.one(find, { webhookId });
  }

  /** Held against concurrent changes until the unit of work ends. */
  findForUpdate(unit: UnitOfWork, webhookId: string): Promise<WebhookRow | undefined> {
    return this.statements.one(findForUpdate, { webhookId }, unit);
  }

  async update(unit: UnitOfWork, changes: WebhookChanges): Promise<void> {
    await this.statements.count(update, changes, unit);
  }

  async setSecrets(unit: UnitOfWork, secrets: Secrets): Promise<void> {
    await this.statements.count(setSecrets, secrets, unit);
  }

  /** Its deliveries and their attempts go with it. */
  async remove(unit: UnitOfWork, webhookId: string): Promise<boolean> {
    return (await this.statements.count(remove, { webhookId }, unit)) > 0;
  }

  /** The enabled endpoints (on the background lane, or in `unit`). */
  subscribers(unit?: UnitOfWork): Promise<Subscriber[]> {
    return this.background.rows(subscribers, {}, unit);
  }

  /** False when it was disabled already (by another replica, or by a PATCH). */
  async disable(unit: UnitOfWork, webhookId: string, reason: string): Promise<boolean> {
    return (await this.statements.count(disable, { webhookId, reason }, unit)) > 0;
  }
}
