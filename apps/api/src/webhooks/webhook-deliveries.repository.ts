import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { BackgroundStatementRunner } from '../database/background-lane';
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

/** An attempt's record and the state it leaves its delivery in. */
export interface FinishedAttempt extends AttemptRecord {
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
}

export interface FinishOutcome {
  failingSince: Date | null;
  firstAttemptAt: Date;
  recovered: boolean;
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
// lease's end: a sender that dies mid-attempt leaves a delivery that comes due again by itself. A failing
// endpoint gets one delivery at a time until one succeeds: a down endpoint at the full cap took as many attempts
// a second as the healthy ones got, and their lag grew from under 2 s to 40 s (bench:webhooks).
const claim = defineStatement('webhookDeliveries.claim', (p: Params<{ cap: number; limit: number; leaseMs: number }>) => sql`
  WITH hooks AS (
    SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
      (CASE WHEN w.failing_since IS NULL THEN ${p.cap}::int ELSE 1 END) - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()) AS room
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

interface FinishColumns {
  deliveryIds: string[];
  webhookIds: string[];
  attempts: number[];
  attemptedAts: Date[];
  durations: number[];
  responseStatuses: Array<number | null>;
  errors: Array<string | null>;
  responseBodies: Array<string | null>;
  statuses: string[];
  nextAttemptAts: Array<Date | null>;
}
// One round trip for many finished attempts: each delivery's new state (unless a later claim took it over), the
// attempts' records, and each endpoint's failure clock: cleared when its latest result here is a success, started
// at its first failure here otherwise. Endpoints whose latest result here is a success are handed their next due
// deliveries in the same statement, into the slots this batch frees (the claim's cap and locking, counting the
// leases released here as free): a sender goes from one attempt to the next without waiting for a separate claim.
// An endpoint locked by a claim elsewhere, or whose clock this statement moves, is left to the next claim.
const finishMany = defineStatement('webhookDeliveries.finishMany', (p: Params<FinishColumns & { handOff: number; cap: number; leaseMs: number }>) => sql`
  WITH input AS (
    SELECT * FROM unnest(${p.deliveryIds}::uuid[], ${p.webhookIds}::text[], ${p.attempts}::int[], ${p.attemptedAts}::timestamptz[], ${p.durations}::int[],
      ${p.responseStatuses}::int[], ${p.errors}::text[], ${p.responseBodies}::text[], ${p.statuses}::text[], ${p.nextAttemptAts}::timestamptz[])
      AS t(delivery_id, webhook_id, attempt, attempted_at, duration_ms, response_status, error, response_body, status, next_attempt_at)
  ), delivery AS (
    UPDATE webhook_deliveries d SET status = i.status, next_attempt_at = i.next_attempt_at, leased_until = NULL
    FROM input i WHERE d.delivery_id = i.delivery_id AND d.attempts = i.attempt
    RETURNING d.delivery_id
  ), attempt AS (
    INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body)
    SELECT delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body FROM input
    ON CONFLICT DO NOTHING
  ), latest AS (
    SELECT DISTINCT ON (webhook_id) webhook_id, status = 'delivered' AS ok FROM input ORDER BY webhook_id, attempted_at DESC
  ), first_failure AS (
    SELECT webhook_id, min(attempted_at) AS at FROM input WHERE status <> 'delivered' GROUP BY webhook_id
  ), clock AS (
    UPDATE webhooks w SET failing_since = CASE WHEN l.ok THEN NULL ELSE coalesce(w.failing_since, f.at) END
    FROM latest l LEFT JOIN first_failure f USING (webhook_id)
    WHERE w.webhook_id = l.webhook_id AND (w.failing_since IS NULL) = (NOT l.ok)
    RETURNING w.webhook_id, w.failing_since
  ), hooks AS (
    SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
      ${p.cap}::int - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()
        AND l.delivery_id NOT IN (SELECT delivery_id FROM delivery)) AS room
    FROM webhooks w
    WHERE ${p.handOff}::int > 0 AND w.disabled_at IS NULL AND w.failing_since IS NULL
      AND w.webhook_id IN (SELECT webhook_id FROM latest WHERE ok)
    FOR NO KEY UPDATE OF w SKIP LOCKED
  ), picked AS (
    SELECT due.delivery_id, hooks.* FROM hooks CROSS JOIN LATERAL (
      SELECT d.delivery_id FROM webhook_deliveries d
      WHERE d.webhook_id = hooks.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now()
        AND d.delivery_id NOT IN (SELECT delivery_id FROM input)
      ORDER BY d.next_attempt_at LIMIT greatest(hooks.room, 0)
      FOR UPDATE SKIP LOCKED) due
    LIMIT greatest(${p.handOff}::int, 0)
  ), claimed AS (
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, leased_until = now() + ${p.leaseMs} * interval '1 millisecond', next_attempt_at = now() + ${p.leaseMs} * interval '1 millisecond'
    FROM picked WHERE d.delivery_id = picked.delivery_id
    RETURNING d.delivery_id, d.webhook_id, d.event_id, d.payload, d.attempts, d.retrying_since,
      picked.url, picked.secret_sealed, picked.previous_secret_sealed, picked.previous_secret_expires_at
  )
  SELECT false AS claimed, i.delivery_id, i.webhook_id,
    CASE WHEN l.ok THEN NULL ELSE coalesce(c.failing_since, w.failing_since) END AS failing_since,
    least(i.attempted_at, (SELECT min(a.attempted_at) FROM webhook_delivery_attempts a WHERE a.delivery_id = i.delivery_id)) AS first_attempt_at,
    l.ok AND c.webhook_id IS NOT NULL AS recovered,
    NULL::uuid AS event_id, NULL::text AS payload, NULL::int AS attempts, NULL::timestamptz AS retrying_since,
    NULL::text AS url, NULL::text AS secret_sealed, NULL::text AS previous_secret_sealed, NULL::timestamptz AS previous_secret_expires_at
  FROM input i JOIN latest l USING (webhook_id) JOIN webhooks w USING (webhook_id) LEFT JOIN clock c USING (webhook_id)
  UNION ALL
  SELECT true, delivery_id, webhook_id, NULL, NULL, NULL, event_id, payload, attempts, retrying_since,
    url, secret_sealed, previous_secret_sealed, previous_secret_expires_at
  FROM claimed`);
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

/** The delivery queue (one row per event and endpoint) and its attempts. The senders' statements run on the background lane. */
@Injectable()
export class WebhookDeliveriesRepository {
  private readonly senders: StatementRunner;

  constructor(
    private readonly statements: StatementRunner,
    background?: BackgroundStatementRunner,
  ) {
    this.senders = background ?? statements;
  }

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
    return this.senders.rows(claim, { limit, cap, leaseMs });
  }

  /**
   * Records finished attempts and their deliveries' new states, in one statement. For each: when its endpoint
   * started failing (null: not failing, or its latest result here is a success), when the delivery was first
   * attempted, and whether this batch ended a run of failures of its endpoint. A deleted endpoint's are left out.
   * With `handOff` > 0, also claims up to that many due deliveries of the batch's healthy endpoints (as `claim`).
   */
  async finishMany(finished: FinishedAttempt[], handOff: { limit: number; cap: number; leaseMs: number } = { limit: 0, cap: 0, leaseMs: 0 }): Promise<{ outcomes: Map<string, FinishOutcome>; claimed: ClaimedDelivery[] }> {
    type Row = ClaimedDelivery & { claimed: boolean; failing_since: Date | null; first_attempt_at: Date; recovered: boolean };
    const rows = await this.senders.rows<FinishColumns & { handOff: number; cap: number; leaseMs: number }, Row>(finishMany, {
      deliveryIds: finished.map((f) => f.deliveryId),
      webhookIds: finished.map((f) => f.webhookId),
      attempts: finished.map((f) => f.attempt),
      attemptedAts: finished.map((f) => f.attemptedAt),
      durations: finished.map((f) => f.durationMs),
      responseStatuses: finished.map((f) => f.responseStatus),
      errors: finished.map((f) => f.error),
      responseBodies: finished.map((f) => f.responseBody),
      statuses: finished.map((f) => f.status),
      nextAttemptAts: finished.map((f) => f.nextAttemptAt),
      handOff: handOff.limit,
      cap: handOff.cap,
      leaseMs: handOff.leaseMs,
    });
    const outcomes = new Map<string, FinishOutcome>();
    const claimed: ClaimedDelivery[] = [];
    for (const { claimed: isClaim, failing_since, first_attempt_at, recovered, ...delivery } of rows) {
      if (isClaim) claimed.push(delivery);
      else outcomes.set(delivery.delivery_id, { failingSince: failing_since, firstAttemptAt: first_attempt_at, recovered });
    }
    return { outcomes, claimed };
  }

  /** An endpoint that answers again gets its backed-off deliveries now instead of at their next retry. */
  async releaseBacklog(webhookId: string): Promise<number> {
    return this.senders.count(releaseBacklog, { webhookId });
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
