import type { EventCollection } from '@roster/client-browser';
import { api } from '../api';
import { EventTable } from '../events/event-table';
import { useQuery } from '../query';
import { linkProps } from '../router';
import { ErrorLine } from '../ui';

/** This user's ten latest events; the audit log has the rest. */
export function UserEvents({ userId }: { userId: string }) {
  const events = useQuery<EventCollection>(`events:user:${userId}`, () => api.events.getEvents({ userId, limit: 10 }));
  return (
    <section aria-labelledby="user-events-heading">
      <h2 id="user-events-heading">Recent events</h2>
      <ErrorLine error={events.error} />
      <EventTable events={events.data?.events ?? []} label="recent events" />
      <p><a {...linkProps(`/events?userId=${encodeURIComponent(userId)}`)}>All of this user's events</a></p>
    </section>
  );
}
