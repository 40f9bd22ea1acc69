import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { UUID_PATTERN } from './user-ids';
import { AppError, ErrorCode } from '../errors/app-error';

/** Where a page ends in the list order `(created_at, id)`. `createdAt` is UTC ISO text, exact to the microsecond. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const invalid = () => new AppError(ErrorCode.BadRequest, 'cursor is not valid for this query; start again without it.');

/**
 * Opaque cursors `<payload>.<hmac>` (base64url), signed with a key derived from ROSTER_SECRET_KEY so every
 * replica accepts them, and bound to the query (filter, tenantId) they were made for.
 */
export class ListCursorCodec {
  /** `idPattern`: what a list's row ids look like (uuids unless said otherwise). */
  constructor(
    private readonly key: Buffer,
    private readonly idPattern: RegExp = UUID_PATTERN,
  ) {}

  encode(position: ListPosition, scope: string): string {
    const payload = Buffer.from(JSON.stringify({ t: position.createdAt, i: position.id, s: scopeDigest(scope) })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The position, or a 400 for anything forged, garbled, tampered with or made for another query. */
  decode(cursor: string, scope: string): ListPosition {
    const [payload, signature, ...rest] = cursor.split('.');
    if (!payload || !signature || rest.length) throw invalid();
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let fields: { t?: unknown; i?: unknown; s?: unknown };
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (fields?.s !== scopeDigest(scope) || typeof fields.t !== 'string' || !TIMESTAMP.test(fields.t) || typeof fields.i !== 'string' || !this.idPattern.test(fields.i)) throw invalid();
    return { createdAt: fields.t, id: fields.i };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** What a cursor is bound to: the filter and tenant of the query that made it (limit may change between pages). */
export function listScope(filter: string | undefined, tenantId: string | undefined): string {
  return JSON.stringify([filter ?? '', tenantId ?? '']);
}

function scopeDigest(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}
