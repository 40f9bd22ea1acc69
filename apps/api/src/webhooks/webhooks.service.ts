import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CreatedWebhook, CreateWebhookRequest, Link, UpdateWebhookRequest, Webhook, WebhookCollection, WebhookDeliveryCollection, WebhookPageQuery, WebhookSecret, WebhookTest } from '@roster/dto';
import { AppConfig } from '../config/app-config';
import { deriveKey, seal } from '../crypto/secret-box';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution, systemAttribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { ListCursorCodec } from '../users/list-cursor';
import { UUID_PATTERN } from '../users/user-ids';
import { toWebhook, toWebhookDelivery } from './to-webhook';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookSender } from './webhook-sender';
import { newWebhookSecret } from './webhook-signature';
import { WebhookRow, WebhooksRepository } from './webhooks.repository';

const DEFAULT_LIMIT = 100;
/** How long deliveries carry a signature with the previous secret after a rotation. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;
const WEBHOOK_ID = /^wh_[0-9a-f]{20}$/;
const missing = () => new AppError(ErrorCode.NotFound, 'The webhook does not exist.');
const unique = (items: string[] | undefined) => [...new Set(items ?? [])];

@Injectable()
export class WebhooksService {
  private readonly sealKey: Buffer;
  private readonly webhookCursors: ListCursorCodec;
  private readonly deliveryCursors: ListCursorCodec;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly transactions: TransactionRunner,
    private readonly sender: WebhookSender,
    private readonly config: AppConfig,
    private readonly events: EventsRecorder,
  ) {
    this.sealKey = deriveKey(config.secretKey, 'webhook-secret');
    this.webhookCursors = new ListCursorCodec(deriveKey(config.secretKey, 'cursor'), WEBHOOK_ID);
    this.deliveryCursors = new ListCursorCodec(deriveKey(config.secretKey, 'cursor'), UUID_PATTERN);
  }

  async create(by: Attribution, request: CreateWebhookRequest): Promise<CreatedWebhook> {
    this.assertUsable(request.url);
    const webhookId = `wh_${randomBytes(10).toString('hex')}`;
    const secret = newWebhookSecret();
    const eventTypes = unique(request.eventTypes);
    await this.transactions.run(async (unit) => {
      await this.webhooks.insert(unit, {
        webhook_id: webhookId,
        url: request.url,
        description: request.description ?? null,
        event_types: eventTypes,
        exclude_actor_client_ids: unique(request.excludeActorClientIds),
        secret_sealed: this.seal(secret),
      });
      // Not the URL: some carry a token in their path or query, and events go to other endpoints and the audit log.
      await this.events.record(unit, { type: 'webhook.created', ...by, data: { webhookId, eventTypes } });
    });
    return { ...(await this.get(webhookId)), secret };
  }

  async list(query: WebhookPageQuery): Promise<WebhookCollection> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor ? this.webhookCursors.decode(query.cursor, 'webhooks') : undefined;
    const page = await this.webhooks.page(after, limit);
    const next = page.next && this.webhookCursors.encode(page.next, 'webhooks');
    return { webhooks: page.rows.map(toWebhook), ...this.paging('/v1/webhooks', limit, query.cursor, next) };
  }

  async get(webhookId: string): Promise<Webhook> {
    const row = await this.webhooks.find(webhookId);
    if (!row) throw missing();
    return toWebhook(row);
  }

  async update(by: Attribution, webhookId: string, request: UpdateWebhookRequest): Promise<Webhook> {
    if (request.url !== undefined) this.assertUsable(request.url);
    await this.transactions.run(async (unit) => {
      const row = await this.lock(unit, webhookId);
      const enabling = request.enabled === true && row.disabled_at !== null;
      const pausing = request.enabled === false && row.disabled_at === null;
      const changed = (Object.keys(request) as Array<keyof UpdateWebhookRequest>).filter((key) => request[key] !== undefined).sort();
      await this.webhooks.update(unit, {
        webhook_id: webhookId,
        url: request.url ?? row.url,
        description: request.description ?? row.description,
        event_types: request.eventTypes ? unique(request.eventTypes) : row.event_types,
        exclude_actor_client_ids: request.excludeActorClientIds ? unique(request.excludeActorClientIds) : row.exclude_actor_client_ids,
        disabled_at: enabling ? null : pausing ? new Date() : row.disabled_at,
        disabled_reason: enabling ? null : pausing ? 'paused' : row.disabled_reason,
        // A re-enabled endpoint gets a fresh 24 hours before failures disable it again.
        failing_since: enabling ? null : row.failing_since,
      });
      await this.events.record(unit, { type: 'webhook.updated', ...by, data: { webhookId, changed } });
    });
    return this.get(webhookId);
  }

  async remove(by: Attribution, webhookId: string): Promise<void> {
    await this.transactions.run(async (unit) => {
      await this.lock(unit, webhookId);
      await this.webhooks.remove(unit, webhookId);
      await this.events.record(unit, { type: 'webhook.deleted', ...by, data: { webhookId } });
    });
  }

  /** A new secret; the previous one still signs (as a second signature) for a day, so receivers can switch over. */
  async rotateSecret(by: Attribution, webhookId: string): Promise<WebhookSecret> {
    const secret = newWebhookSecret();
    const expires = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS);
    await this.transactions.run(async (unit) => {
      const row = await this.lock(unit, webhookId);
      await this.webhooks.setSecrets(unit, { webhook_id: webhookId, secret_sealed: this.seal(secret), previous_secret_sealed: row.secret_sealed, previous_secret_expires_at: expires });
      await this.events.record(unit, { type: 'webhook.updated', ...by, data: { webhookId, changed: ['secret'] } });
    });
    return { secret, previousSecretExpiresTime: expires.toISOString() };
  }

  /** Records a `webhook.test` event, which is delivered to this endpoint only (whatever it subscribes to). */
  async test(by: Attribution, webhookId: string): Promise<WebhookTest> {
    return this.transactions.run(async (unit) => {
      await this.lock(unit, webhookId);
      return { eventId: await this.events.record(unit, { type: 'webhook.test', ...by, data: { webhookId } }) };
    });
  }

  async listDeliveries(webhookId: string, query: WebhookPageQuery): Promise<WebhookDeliveryCollection> {
    if (!(await this.webhooks.find(webhookId))) throw missing();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const scope = `deliveries ${webhookId}`;
    const before = query.cursor ? this.deliveryCursors.decode(query.cursor, scope) : undefined;
    const page = await this.deliveries.page(webhookId, before, limit);
    const next = page.next && this.deliveryCursors.encode(page.next, scope);
    return { deliveries: page.rows.map(toWebhookDelivery), ...this.paging(`/v1/webhooks/${webhookId}/deliveries`, limit, query.cursor, next) };
  }

  /** Sends the delivery again as soon as a sender is free, with a fresh retry window. */
  async retryDelivery(webhookId: string, deliveryId: string): Promise<void> {
    const row = await this.webhooks.find(webhookId);
    if (!row || !UUID_PATTERN.test(deliveryId)) throw new AppError(ErrorCode.NotFound, row ? 'The delivery does not exist.' : 'The webhook does not exist.');
    if (row.disabled_at) throw new AppError(ErrorCode.Conflict, 'The webhook is disabled: enable it first (PATCH with "enabled": true).');
    const outcome = await this.deliveries.retry(webhookId, deliveryId);
    if (outcome === 'missing') throw new AppError(ErrorCode.NotFound, 'The delivery does not exist.');
    if (outcome === 'in-flight') throw new AppError(ErrorCode.Conflict, 'The delivery is being attempted right now.');
  }

  /**
   * Disables an endpoint for its deliveries: `gone` (it answered 410) or `failing` (24 hours of failures). Its
   * waiting deliveries end as failed. Nothing happens when it was disabled already (by another replica).
   */
  async disable(webhookId: string, reason: 'gone' | 'failing'): Promise<void> {
    await this.transactions.run(async (unit) => {
      if (!(await this.webhooks.disable(unit, webhookId, reason))) return;
      await this.deliveries.failPending(unit, webhookId);
      await this.events.record(unit, { type: 'webhook.disabled', ...systemAttribution('webhook-delivery'), data: { webhookId, reason } });
    });
  }

  private async lock(unit: UnitOfWork, webhookId: string): Promise<WebhookRow> {
    const row = await this.webhooks.findForUpdate(unit, webhookId);
    if (!row) throw missing();
    return row;
  }

  /** Refused here as well as at connect time: a URL that can never be delivered to is a 400 now, not a failure later. */
  private assertUsable(url: string): void {
    const refusal = this.sender.refusal(url);
    if (refusal) throw new AppError(ErrorCode.ValidationError, `url is not allowed: ${refusal}${this.config.webhooks.allowPrivateNetworks ? '' : ' (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true lifts this for local use)'}.`);
  }

  private seal(secret: string): string {
    return seal(Buffer.from(secret, 'utf8'), this.sealKey);
  }

  private paging(path: string, limit: number, cursor: string | undefined, next: string | undefined) {
    const link = (at?: string): Link => {
      const search = new URLSearchParams({ limit: String(limit), ...(at ? { cursor: at } : {}) });
      return { href: `${this.config.http.publicUrl}${path}?${search}` };
    };
    return { pagination: next ? { next: { cursor: next } } : {}, links: next ? { self: link(cursor), next: link(next) } : { self: link(cursor) } };
  }
}
