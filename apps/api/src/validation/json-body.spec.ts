import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { declaresJson, jsonBodies, requireJsonBodies } from './json-body';

const request = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;

describe('declaresJson', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json', 'application/vnd.api+json ; x=y'])('accepts %s', (type) => {
    expect(declaresJson(request('POST', { 'content-type': type }))).toBe(true);
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'text/json', 'multipart/form-data; boundary=x', 'application/json, text/html', 'application/jsonp', ';;;'])('refuses %s', (type) => {
    expect(declaresJson(request('POST', { 'content-type': type }))).toBe(false);
  });

  it('refuses a missing Content-Type', () => {
    expect(declaresJson(request('POST', {}))).toBe(false);
  });
});

describe('requireJsonBodies', () => {
  const run = (req: IncomingMessage) => {
    const sent: { status?: number; body?: string } = {};
    const res = {
      headersSent: false,
      status(code: number) { sent.status = code; return this; },
      set() { return this; },
      type() { return this; },
      send(body: string) { sent.body = body; return this; },
    };
    let passed = false;
    requireJsonBodies()(req, res as never, () => (passed = true));
    return { passed, ...sent };
  };

  it('answers 415 with the error body for a form body', () => {
    const outcome = run(Object.assign(request('POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '14' }), { id: 'req-1' }));
    expect(outcome).toMatchObject({ passed: false, status: 415 });
    expect(JSON.parse(outcome.body!)).toEqual({ title: expect.stringContaining('JSON'), errorCode: 'UnsupportedMediaType', errorId: 'req-1' });
  });

  it('answers 415 for a chunked body without a Content-Type', () => {
    expect(run(request('PATCH', { 'transfer-encoding': 'chunked' }))).toMatchObject({ passed: false, status: 415 });
  });

  it.each([
    ['no body', request('POST', {})],
    ['an empty body', request('POST', { 'content-length': '0', 'content-type': 'text/plain' })],
    ['a JSON body', request('PUT', { 'content-length': '2', 'content-type': 'application/json; charset=utf-8' })],
    ['a GET with a body', request('GET', { 'content-length': '2', 'content-type': 'text/plain' })],
  ])('passes %s', (_name, req) => {
    expect(run(req).passed).toBe(true);
  });
});

describe('jsonBodies', () => {
  const through = (method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ body?: unknown; status?: number; error?: unknown }>((resolve) => {
      const req = Object.assign(Readable.from(body === undefined ? [] : [Buffer.from(body)]), { method, headers, url: '/' }) as unknown as IncomingMessage & { body?: unknown };
      const res = { headersSent: false, status: (status: number) => (resolve({ status }), res), set: () => res, type: () => res, send: () => res };
      jsonBodies('1kb')(req, res as never, (error?: unknown) => resolve({ body: req.body, error }));
    });

  it('passes a request without a body untouched', async () => {
    expect(await through('GET', {})).toEqual({ body: undefined, error: undefined });
  });

  it('parses a JSON body, an empty one too', async () => {
    expect(await through('POST', { 'content-type': 'application/json', 'content-length': '7' }, '{"a":1}')).toEqual({ body: { a: 1 }, error: undefined });
    expect((await through('POST', { 'content-type': 'application/json', 'content-length': '0' }, '')).body).toEqual({});
  });

  it('answers 415 for a form body and hands a broken JSON body to the error filter', async () => {
    expect(await through('POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' }, 'a=b')).toEqual({ status: 415 });
    expect((await through('POST', { 'content-type': 'application/json', 'content-length': '2' }, '{"')).error).toMatchObject({ status: 400 });
  });
});
