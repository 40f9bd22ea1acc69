import { Injectable } from '@nestjs/common';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';

/**
 * Finished webhook deliveries (delivered or failed) older than the events' retention: each keeps a copy of its
 * event's payload, so it goes with the event. Their attempts go with them (ON DELETE CASCADE). Pending ones stay:
 * retrying ends within a day, and then they are finished too.
 */
const deleteFinished = defineStatement('deliveryPurge.deleteBatch', (p: Params<{ days: number; limit: number }>) => sql`
  DELETE FROM webhook_deliveries WHERE delivery_id IN (
    SELECT delivery_id FROM webhook_deliveries
     WHERE created_at < now() - make_interval(days => ${p.days}) AND status <> 'pending'
     LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);

@Injectable()
export class DeliveryPurgeRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** Deletes up to `limit` finished deliveries older than `days`; the number deleted. */
  deleteBatch(days: number, limit: number): Promise<number> {
    return this.statements.count(deleteFinished, { days, limit });
  }
}
