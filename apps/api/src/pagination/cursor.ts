import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '../errors/app-error';

/** Keyset position: the sort-key values of the last row of a page, as text (exact, no precision lost). */
export type KeysetPosition = string[];

/**
 * Opaque, HMAC-signed cursors: any replica sharing ROSTER_SECRET_KEY accepts them, and a forged or
 * garbled one is a 400. `scope` binds a cursor to the query it was made for (e.g. a filter).
 */
export class CursorCodec {
  constructor(private readonly key: Buffer) {}

  encode(position: KeysetPosition, scope = ''): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.sign(payload, scope)}`;
  }

  decode(cursor: string, scope = ''): KeysetPosition {
    const [payload, signature, ...rest] = cursor.split('.');
    const expected = payload ? this.sign(payload, scope) : '';
    if (!payload || !signature || rest.length || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      throw new AppError(ErrorCode.BadRequest, 'cursor is not valid for this query.');
    }
    return JSON.parse(Buffer.from(payload, 'base64url').toString()) as KeysetPosition;
  }

  private sign(payload: string, scope: string): string {
    return createHmac('sha256', this.key).update(`${scope}\n${payload}`).digest('base64url');
  }
}
