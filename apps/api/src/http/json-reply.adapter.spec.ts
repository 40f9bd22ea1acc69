import { JsonReplyAdapter } from './json-reply.adapter';

interface FakeResponse {
  statusCode: number;
  req: { method: string; headers: Record<string, string> };
  getHeader(name: string): unknown;
  setHeader(name: string, value: unknown): void;
  end: jest.Mock;
  status: jest.Mock;
  json: jest.Mock;
  send: jest.Mock;
}

function response(method = 'GET', headers: Record<string, string> = {}, type?: string) {
  const set = new Map<string, unknown>(type ? [['content-type', type]] : []);
  const res: FakeResponse = {
    statusCode: 200,
    req: { method, headers },
    getHeader: (name: string) => set.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => set.set(name.toLowerCase(), value),
    end: jest.fn(),
    // Express's way, taken by what the adapter leaves to it.
    status: jest.fn((): FakeResponse => res),
    json: jest.fn(),
    send: jest.fn(),
  };
  return { res, set };
}

describe('JsonReplyAdapter', () => {
  const adapter = new JsonReplyAdapter();
  const reply = (res: FakeResponse, body: unknown, status?: number) => adapter.reply(res as never, body, status);

  it("sets a handler's status code on the response itself", () => {
    const { res } = response();
    adapter.status(res as never, 204);
    expect(res.statusCode).toBe(204);
    expect(res.status).not.toHaveBeenCalled();
  });

  it('writes a plain object as JSON with its charset, length and status', () => {
    const { res, set } = response();
    reply(res, { name: 'Zoë' }, 201);
    expect(res.end).toHaveBeenCalledWith('{"name":"Zoë"}');
    expect(res.statusCode).toBe(201);
    expect(set.get('content-type')).toBe('application/json; charset=utf-8');
    expect(set.get('content-length')).toBe(Buffer.byteLength('{"name":"Zoë"}'));
    expect(res.json).not.toHaveBeenCalled();
  });

  it("keeps a route's own media type, adding the charset", () => {
    const { res, set } = response('GET', {}, 'application/links+json');
    reply(res, { users: [] });
    expect(set.get('content-type')).toBe('application/links+json; charset=utf-8');
  });

  it.each([
    ['a conditional GET', response('GET', { 'if-none-match': '"3"' }).res, { a: 1 }],
    ['a HEAD', response('HEAD').res, { a: 1 }],
    ['a type with parameters', response('GET', {}, 'text/plain; charset=latin1').res, { a: 1 }],
    ['a string', response().res, 'text'],
    ['no body', response().res, undefined],
  ])('leaves %s to Express', (_name, res, body) => {
    reply(res, body);
    expect(res.end).not.toHaveBeenCalled();
    expect(res.json.mock.calls.length + res.send.mock.calls.length).toBe(1);
  });
});
