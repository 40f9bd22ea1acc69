import type { EventDto } from '@roster/client-browser';
import { linkProps } from '../router';
import { formatTime } from '../ui';

/** `data` in one line: ids, field names and versions (events never hold secrets). */
const summary = (data: object) => Object.entries(data).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`).join('; ');

export function EventTable({ events, label }: { events: EventDto[]; label: string }) {
  return (
    <table aria-label={label} data-testid={label}>
      <thead><tr><th scope="col">When</th><th scope="col">Type</th><th scope="col">Actor</th><th scope="col">User</th><th scope="col" className="wide-only">Details</th></tr></thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.eventId}>
            <td>{formatTime(event.occurredAt)}</td>
            <td>{event.type}</td>
            <td>{event.actor.type}: {event.actor.id}</td>
            <td>{event.userId ? <a {...linkProps(`/users/${encodeURIComponent(event.userId)}`)}>{event.userId}</a> : '—'}</td>
            <td className="wide-only">{summary(event.data ?? {})}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
