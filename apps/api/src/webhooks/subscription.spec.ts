import { EventDto } from '@roster/dto';
import { wants } from './subscription';

const subscriber = (eventTypes: string[], exclude: string[] = []) => ({ webhook_id: 'wh_1', event_types: eventTypes, exclude_actor_client_ids: exclude, created_at: new Date('2026-01-01T00:00:00Z') });
const event = (type: EventDto['type'], overrides: Partial<EventDto> = {}): EventDto => ({
  eventId: 'e',
  type,
  occurredAt: '2026-01-02T00:00:00.000Z',
  actor: { type: 'client', id: 'sc_crm' },
  requestId: null,
  data: {},
  ...overrides,
});

describe('wants', () => {
  it('matches *, exact types and prefixes', () => {
    expect(wants(subscriber(['*']), event('tenant.created'))).toBe(true);
    expect(wants(subscriber(['user.*']), event('user.updated'))).toBe(true);
    expect(wants(subscriber(['user.*']), event('tenant.user_linked'))).toBe(false);
    expect(wants(subscriber(['tenant.user_linked']), event('tenant.user_linked'))).toBe(true);
    expect(wants(subscriber(['user.updated']), event('user.created'))).toBe(false);
  });

  it('leaves out events caused by an excluded client (echo suppression), not those of users with the same id', () => {
    expect(wants(subscriber(['*'], ['sc_crm']), event('user.updated'))).toBe(false);
    expect(wants(subscriber(['*'], ['sc_crm']), event('user.updated', { actor: { type: 'user', id: 'sc_crm' } }))).toBe(true);
    expect(wants(subscriber(['*'], ['sc_other']), event('user.updated'))).toBe(true);
  });

  it('leaves out events from before the endpoint existed', () => {
    expect(wants(subscriber(['*']), event('user.updated', { occurredAt: '2025-12-31T23:59:59.999Z' }))).toBe(false);
  });

  it('sends a webhook.test only to the endpoint it tests, subscribed or not', () => {
    expect(wants(subscriber(['user.*']), event('webhook.test', { data: { webhookId: 'wh_1' } }))).toBe(true);
    expect(wants(subscriber(['*']), event('webhook.test', { data: { webhookId: 'wh_2' } }))).toBe(false);
  });
});
