import { StatementRunner } from '../database/statement-runner';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { EventsRepository } from '../events/events.repository';
import { Query } from './test-database';

/** The attribution specs pass where a controller would: a service client in a request. */
export const TEST_ATTRIBUTION: Attribution = { actor: { type: 'client', id: 'sc_test' }, requestId: 'req-test' };

export const eventsRecorderOn = (statements: StatementRunner) => new EventsRecorder(new EventsRepository(statements));

/** The events recorded so far, oldest first, in a shape that reads well in expectations. */
export async function recordedEvents(query: Query): Promise<Array<{ type: string; actor: string; userId: string | null; tenantId: string | null; data: Record<string, unknown> }>> {
  return query(`SELECT type, actor_type || ':' || actor_id AS actor, user_id AS "userId", tenant_id AS "tenantId", data FROM events ORDER BY seq`);
}
