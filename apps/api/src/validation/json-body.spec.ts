import { IncomingMessage } from 'node:http';
import { declaresJson, requireJsonBodies } from './json-body';

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
