import { AppError } from '../errors/app-error';
import { ListCursorCodec, listScope } from './list-cursor';

describe('list cursors', () => {
  const codec = new ListCursorCodec(Buffer.alloc(32, 1));
  const position = { createdAt: '2024-11-23T09:33:12.123456Z', id: '0f8b3c0e-8c4a-4a43-9d5e-2c7f4a1b9e01' };
  const scope = listScope('ada', 'tenant-1');

  it('round-trips a position, exact to the microsecond', () => {
    expect(codec.decode(codec.encode(position, scope), scope)).toEqual(position);
  });

  it('is accepted by another replica with the same secret', () => {
    expect(new ListCursorCodec(Buffer.alloc(32, 1)).decode(codec.encode(position, scope), scope)).toEqual(position);
  });

  const tampered = (cursor: string) => {
    const [payload, signature] = cursor.split('.');
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return `${Buffer.from(JSON.stringify({ ...fields, i: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${signature}`;
  };

  it.each([
    ['garbled', () => 'not a cursor'],
    ['empty', () => ''],
    ['too many parts', () => `${codec.encode(position, scope)}.x`],
    ['signed with another secret', () => new ListCursorCodec(Buffer.alloc(32, 2)).encode(position, scope)],
    ['tampered payload', () => tampered(codec.encode(position, scope))],
    ['made for another filter', () => codec.encode(position, listScope('bob', 'tenant-1'))],
    ['made for another tenant', () => codec.encode(position, listScope('ada', undefined))],
    ['a signed payload that is not a position', () => new ListCursorCodec(Buffer.alloc(32, 1)).encode({ createdAt: "now(); drop table users", id: 'x' }, scope)],
  ])('refuses a cursor that is %s with a 400', (_name, make) => {
    let error: unknown;
    try {
      codec.decode(make(), scope);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
  });

  it('binds an absent filter and an empty one alike, but not a filter that differs only in case', () => {
    expect(listScope(undefined, undefined)).toBe(listScope('', ''));
    expect(listScope('Ada', undefined)).not.toBe(listScope('ada', undefined));
  });
});
