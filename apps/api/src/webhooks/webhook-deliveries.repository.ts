import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { ListPosition } from '../users/list-cursor';

export interface NewDelivery {
  webhookId: string;
  eventId: string;
  eventType: string;
  payload: string;
}

/** A delivery claimed for one attempt, with what sending it needs. */
export interface ClaimedDelivery {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  payload: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  retrying_since: Date;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
}

export interface AttemptRecord {
  deliveryId: string;
  webhookId: string;
  attempt: number;
  attemptedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  responseBody: string | null;
}

export interface DeliveryRow {
  delivery_id: string;
  event_id: string;
  event_type: string;
  status: string;
  next_attempt_at: Date | null;
  created_at: Date;
  position: string;
  attempts: Array<{ attempt: number; attempted_at: string; duration_ms: number; response_status: number | null; error: string | null; response_body: string | null }>;
}

const insertMany = defineStatement('webhookDeliveries.insertMany', (p: Params<{ webhookIds: string[]; eventIds: string[]; eventTypes: string[]; payloads: string[] }>) => sql`
  INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload)
  SELECT * FROM unnest(${p.webhookIds}::text[], ${p.eventIds}::uuid[], ${p.eventTypes}::text[], ${p.payloads}::text[])
  ON CONFLICT (webhook_id, event_id) DO NOTHING`);

// Endpoints are locked while their deliveries are claimed (SKIP LOCKED: replicas never wait on each other), so
// the in-flight count each sees is exact and the cap holds across replicas. A claim moves the due time to the
// lease's end: a sender that dies mid-attempt leaves a delivery that comes due again by itself.
const claim = defineStatement('webhookDeliveries.claim', (p: Params<{ cap: number; limit: number; leaseMs: number }>) => sql`
  WITH hooks AS (
    SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
      ${p.cap}::int - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()) AS room
    FROM webhooks w
    WHERE w.disabled_at IS NULL
      AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now())
    FOR NO KEY UPDATE OF w SKIP LOCKED
  ), picked AS (
    SELECT due.delivery_id, hooks.* FROM hooks CROSS JOIN LATERAL (
      SELECT d.delivery_id FROM webhook_deliveries d
      WHERE d.webhook_id = hooks.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now()
      ORDER BY d.next_attempt_at LIMIT greatest(hooks.room, 0)
      FOR UPDATE SKIP LOCKED) due
    LIMIT ${p.limit}
  )
  UPDATE webhook_deliveries d
  SET attempts = d.attempts + 1, leased_until = now() + ${p.leaseMs} * interval '1 millisecond', next_attempt_at = now() + ${p.leaseMs} * interval '1 millisecond'
  FROM picked WHERE d.delivery_id = picked.delivery_id
  RETURNING d.delivery_id, d.webhook_id, d.event_id, d.payload, d.attempts, d.retrying_since,
    picked.url, picked.secret_sealed, picked.previous_secret_sealed, picked.previous_secret_expires_at`);

type Finish = Params<AttemptRecord & { status: string; nextAttemptAt: Date | null }>;
// One round trip per attempt: the delivery's new state, the attempt's record and the endpoint's failure clock
// (cleared by a success, started by a failure). The state changes only if no later claim took the delivery over.
const finish = defineStatement('webhookDeliveries.finish', (p: Finish) => sql`
  WITH delivery AS (
    UPDATE webhook_deliveries SET status = ${p.status}, next_attempt_at = ${p.nextAttemptAt}, leased_until = NULL
    WHERE delivery_id = ${p.deliveryId} AND attempts = ${p.attempt}
  ), attempt AS (
    INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body)
    VALUES (${p.deliveryId}, ${p.attempt}, ${p.attemptedAt}, ${p.durationMs}, ${p.responseStatus}, ${p.error}, ${p.responseBody})
    ON CONFLICT DO NOTHING
  ), clock AS (
    UPDATE webhooks SET failing_since = CASE WHEN ${p.status} = 'delivered' THEN NULL ELSE coalesce(failing_since, ${p.attemptedAt}) END
    WHERE webhook_id = ${p.webhookId} AND (failing_since IS NULL) <> (${p.status} = 'delivered')
    RETURNING failing_since
  )
  SELECT CASE WHEN ${p.status} = 'delivered' THEN NULL
    ELSE coalesce((SELECT failing_since FROM clock), (SELECT failing_since FROM webhooks WHERE webhook_id = ${p.webhookId})) END AS failing_since,
    least(${p.attemptedAt}, (SELECT min(attempted_at) FROM webhook_delivery_attempts WHERE delivery_id = ${p.deliveryId})) AS first_attempt_at,
    ${p.status} = 'delivered' AND EXISTS (SELECT 1 FROM clock) AS recovered`);
// Deliveries waiting out their back-off go now, oldest first, within the endpoint's cap.
const releaseBacklog = defineStatement('webhookDeliveries.releaseBacklog', (p: Params<{ webhookId: string }>) => sql`
  UPDATE webhook_deliveries SET next_attempt_at = now()
  WHERE webhook_id = ${p.webhookId} AND status = 'pending' AND next_attempt_at > now() AND leased_until IS NULL`);
const failPending = defineStatement('webhookDeliveries.failPending', (p: Params<{ webhookId: string }>) => sql`
  UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE webhook_id = ${p.webhookId} AND status = 'pending'`);
const retry = defineStatement('webhookDeliveries.retry', (p: Params<{ webhookId: string; deliveryId: string }>) => sql`
  UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), retrying_since = now()
  WHERE webhook_id = ${p.webhookId} AND delivery_id = ${p.deliveryId} AND (leased_until IS NULL OR leased_until < now())`);
const exists = defineStatement('webhookDeliveries.exists', (p: Params<{ webhookId: string; deliveryId: string }>) => sql`
  SELECT 1 FROM webhook_deliveries WHERE webhook_id = ${p.webhookId} AND delivery_id = ${p.deliveryId}`);
const page = defineStatement('webhookDeliveries.page', (p: Params<{ webhookId: string; beforeTime: string | null; beforeId: string | null; limit: number }>) => sql`
  SELECT d.delivery_id, d.event_id, d.event_type, d.status, d.next_attempt_at, d.created_at,
    to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
    coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'attempted_at', a.attempted_at, 'duration_ms', a.duration_ms,
        'response_status', a.response_status, 'error', a.error, 'response_body', a.response_body) ORDER BY a.attempt)
      FROM webhook_delivery_attempts a WHERE a.delivery_id = d.delivery_id), '[]') AS attempts
  FROM webhook_deliveries d
  WHERE d.webhook_id = ${p.webhookId}
    AND (d.created_at, d.delivery_id) < (coalesce(${p.beforeTime}::timestamptz, 'infinity'), coalesce(${p.beforeId}::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff'))
  ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT ${p.limit}`);

/** The delivery queue (one row per event and endpoint) and its attempts. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** Idempotent: a delivery that exists already is left as it is. */
  async insertMany(unit: UnitOfWork, deliveries: NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    return this.statements.count(
      insertMany,
      {
        webhookIds: deliveries.map((d) => d.webhookId),
        eventIds: deliveries.map((d) => d.eventId),
        eventTypes: deliveries.map((d) => d.eventType),
        payloads: deliveries.map((d) => d.payload),
      },
      unit,
    );
  }

  /** Up to `limit` due deliveries, at most `cap` in flight per endpoint over all replicas, leased for `leaseMs`. */
  claim(limit: number, cap: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.statements.rows(claim, { limit, cap, leaseMs });
  }

  /**
   * Records the attempt and the delivery's new state. Returns when the endpoint started failing (null: it is
   * not failing), when this delivery was first attempted, and whether this success ended a run of failures.
   */
  async finish(record: AttemptRecord, status: 'delivered' | 'pending' | 'failed', nextAttemptAt: Date | null): Promise<{ failingSince: Date | null; firstAttemptAt: Date; recovered: boolean }> {
    const row = await this.statements.one<unknown, { failing_since: Date | null; first_attempt_at: Date; recovered: boolean }>(finish, { ...record, status, nextAttemptAt });
    return { failingSince: row?.failing_since ?? null, firstAttemptAt: row?.first_attempt_at ?? record.attemptedAt, recovered: row?.recovered === true };
  }

  /** An endpoint that answers again gets its backed-off deliveries now instead of at their next retry. */
  async releaseBacklog(webhookId: string): Promise<number> {
    return this.statements.count(releaseBacklog, { webhookId });
  }

  /** When an endpoint is disabled, its waiting deliveries end as failed (a manual retry sends one again). */
  async failPending(unit: UnitOfWork, webhookId: string): Promise<void> {
    await this.statements.count(failPending, { webhookId }, unit);
  }

  /** Makes the delivery due now with a fresh retry window; false when it is missing or in flight. */
  async retry(webhookId: string, deliveryId: string): Promise<'retried' | 'in-flight' | 'missing'> {
    if ((await this.statements.count(retry, { webhookId, deliveryId })) > 0) return 'retried';
    return (await this.statements.one(exists, { webhookId, deliveryId })) ? 'in-flight' : 'missing';
  }

  /** Newest first, before `before`; one row more than `limit` tells that another page follows. */
  async page(webhookId: string, before: ListPosition | undefined, limit: number): Promise<{ rows: DeliveryRow[]; next?: ListPosition }> {
    const rows = await this.statements.rows<unknown, DeliveryRow>(page, { webhookId, beforeTime: before?.createdAt ?? null, beforeId: before?.id ?? null, limit: limit + 1 });
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    return { rows: kept, next: rows.length > limit ? { createdAt: last.position, id: last.delivery_id } : undefined };
  }
}
