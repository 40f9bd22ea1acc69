import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EVENT_TYPES, EventDto } from './event.dto';
import { Link, Pagination } from './user-identity-collection.dto';

const LIMIT_MESSAGE = 'limit must be an integer between 1 and 100';
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value);
/** `type=a&type=b` and `type=a,b` alike; empty items dropped. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' || Array.isArray(value) ? [value].flat().flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])).map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '') : value;

const AREAS = [...new Set(EVENT_TYPES.map((type) => type.split('.')[0]))];
/** A type, an area's prefix (`user.*`) or `*`. */
export const EVENT_TYPE_FILTER = new RegExp(`^(\\*|(${AREAS.join('|')})\\.\\*|${EVENT_TYPES.map((type) => type.replace('.', '\\.')).join('|')})$`);
const TEXT_ID = /^[^\p{Cc}]*$/u;

/** GET /v1/events query. */
export class ListEventsQuery {
  @IsOptional() @Max(100, { message: LIMIT_MESSAGE }) @Min(1, { message: LIMIT_MESSAGE }) @IsInt({ message: LIMIT_MESSAGE }) @Transform(toInteger)
  limit?: number;

  /** Opaque, from a previous page's `pagination.next.cursor` (newest-first pages). */
  @IsOptional() @IsString() @MaxLength(1024)
  cursor?: string;

  /** Event types, repeated or comma-separated; `user.*` matches every `user.` type. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(EVENT_TYPE_FILTER, { each: true, message: `type must each be an event type (${EVENT_TYPES.join(', ')}), an area such as user.* or *` }) @Transform(toList)
  type?: string[];

  /** The user the events are about (Authress-style userId). */
  @IsOptional() @IsString() @MaxLength(128) @Matches(TEXT_ID, { message: 'userId must not contain control characters' })
  userId?: string;

  /** Who made the changes: a userId, a clientId or a job's name. */
  @IsOptional() @IsString() @MaxLength(128) @Matches(TEXT_ID, { message: 'actorId must not contain control characters' })
  actorId?: string;

  @IsOptional() @IsString() @MaxLength(128) @Matches(/^[A-Za-z0-9_.:-]*$/, { message: 'tenantId may contain only letters, digits, -, _, . and :' })
  tenantId?: string;

  /** ISO 8601 date-time: events at or after it. */
  @IsOptional() @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time, such as 2026-01-31T12:00:00Z' })
  since?: string;

  /** ISO 8601 date-time: events before it. */
  @IsOptional() @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date-time, such as 2026-01-31T12:00:00Z' })
  until?: string;

  /**
   * An eventId: the events recorded after it, oldest first, for consumers that poll to stay in sync. Pages
   * hold only settled events (see the README), and `links.next` always names where to poll from next.
   */
  @IsOptional() @IsUUID('all', { message: 'after must be an eventId' })
  after?: string;
}

export class EventCollectionLinks {
  self: Link;
  /** Absent on the last newest-first page; always present with `after`. */
  next?: Link;
}

/** One page of GET /v1/events (application/links+json, like UserIdentityCollection). */
export class EventCollection {
  events: EventDto[];
  /** `{}` on the last newest-first page; never a cursor with `after` (follow `links.next`). */
  pagination: Pagination;
  links: EventCollectionLinks;
}
