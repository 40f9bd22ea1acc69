import { CursorCodec } from './cursor';

describe('CursorCodec', () => {
  const codec = new CursorCodec(Buffer.alloc(32, 1));
  const position = ['2024-01-01 00:00:00.123456+00', '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b'];

  it('round-trips a position', () => {
    expect(codec.decode(codec.encode(position, 'f=ada'), 'f=ada')).toEqual(position);
  });

  it.each(['', 'garbage', 'a.b', 'a.b.c', '%%%.x'])('refuses %j with a 400', (cursor) => {
    expect(() => codec.decode(cursor)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses a cursor signed with another key, tampered with, or made for another query', () => {
    const cursor = codec.encode(position, 'f=ada');
    expect(() => new CursorCodec(Buffer.alloc(32, 2)).decode(cursor, 'f=ada')).toThrow(expect.objectContaining({ status: 400 }));
    const [, signature] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify(['1970-01-01', position[1]])).toString('base64url')}.${signature}`;
    expect(() => codec.decode(forged, 'f=ada')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => codec.decode(cursor, 'f=bob')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
