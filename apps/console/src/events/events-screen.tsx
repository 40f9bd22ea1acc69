import { FormEvent, useEffect, useState } from 'react';
import { type EventCollection, type EventDto, followEvents } from '@roster/client-browser';
import { api, configuration } from '../api';
import { useQuery } from '../query';
import { ErrorLine, Title } from '../ui';
import { EventTable } from './event-table';

interface Filters {
  type: string;
  userId: string;
  actorId: string;
  since: string;
  until: string;
}
const EMPTY: Filters = { type: '', userId: '', actorId: '', since: '', until: '' };
const fromAddress = (): Filters => ({ ...EMPTY, userId: new URLSearchParams(location.search).get('userId') ?? '' });
const LIVE_KEPT = 200;
const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** `user.*`-style prefixes and exact types, as the API reads them, for the live tail's own filtering. */
function matches(event: EventDto, filters: Filters): boolean {
  const types = filters.type.split(/[\s,]+/).filter(Boolean);
  const typeOk = types.length === 0 || types.some((type) => type === '*' || type === event.type || (type.endsWith('.*') && event.type.startsWith(type.slice(0, -1))));
  return typeOk && (!filters.userId || event.userId === filters.userId) && (!filters.actorId || event.actor.id === filters.actorId);
}

/** The live tail: the change feed over WebSocket from now on, newest first; it resumes by itself after a drop. */
function useLiveTail(on: boolean): EventDto[] {
  const [events, setEvents] = useState<EventDto[]>([]);
  useEffect(() => {
    if (!on) return;
    const feed = followEvents(configuration);
    void (async () => {
      for await (const event of feed) setEvents((held) => [event, ...held].slice(0, LIVE_KEPT));
    })();
    return () => feed.close();
  }, [on]);
  return events;
}

export function EventsScreen() {
  const [draft, setDraft] = useState<Filters>(fromAddress);
  const [filters, setFilters] = useState<Filters>(fromAddress);
  const [cursors, setCursors] = useState<string[]>([]);
  const [live, setLive] = useState(false);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery<EventCollection>(`events:list:${JSON.stringify([filters, cursor ?? ''])}`, () => api.events.getEvents({
    limit: 50, cursor, type: filters.type ? filters.type.split(/[\s,]+/).filter(Boolean) : undefined,
    userId: filters.userId || undefined, actorId: filters.actorId || undefined, since: iso(filters.since), until: iso(filters.until),
  }));
  const tail = useLiveTail(live).filter((event) => matches(event, filters));
  const next = page.data?.pagination?.next?.cursor;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilters(draft);
  };
  const field = (key: keyof Filters, label: string, type = 'text') => (
    <div>
      <label htmlFor={`events-${key}`}>{label}</label>
      <input id={`events-${key}`} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  );
  return (
    <>
      <Title>Audit log</Title>
      <form className="row" onSubmit={apply} aria-label="Filter events">
        {field('type', 'Type (user.*, tenant.created, …)')}
        {field('userId', 'User')}
        {field('actorId', 'Actor id')}
        {field('since', 'Since', 'datetime-local')}
        {field('until', 'Until', 'datetime-local')}
        <button className="primary" type="submit">Filter</button>
      </form>
      <p>
        <label style={{ display: 'inline', color: 'inherit' }}>
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live tail (the change feed, as it happens)
        </label>
      </p>
      {live ? (
        <section aria-labelledby="live-heading">
          <h2 id="live-heading">Live</h2>
          {tail.length === 0 ? <p className="muted" role="status">Waiting for events…</p> : <EventTable events={tail} label="live events" />}
        </section>
      ) : null}
      <h2>Recorded</h2>
      <ErrorLine error={page.error} />
      <EventTable events={page.data?.events ?? []} label="recorded events" />
      <div className="row" style={{ marginTop: '.75rem' }}>
        <button onClick={() => setCursors(cursors.slice(0, -1))} disabled={cursors.length === 0}>Newer</button>
        <button onClick={() => next && setCursors([...cursors, next])} disabled={!next}>Older</button>
      </div>
    </>
  );
}
