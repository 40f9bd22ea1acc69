import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import pino from 'pino';
import { requestLog } from './request-log';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, middleware: requestLog(logger, () => 'generated-id') };
}

type Middleware = ReturnType<typeof requestLog>;

function exchange(url: string, fields: Record<string, unknown> = {}) {
  const req = Object.assign(new EventEmitter(), { method: 'GET', url, headers: {}, readableAborted: false, ...fields }) as unknown as Parameters<Middleware>[0];
  const res = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: true }) as unknown as ServerResponse & { err?: Error };
  return { req, res };
}

describe('requestLog', () => {
  it('writes one line per request, with the route and a redacted url, once however many events fire', () => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/user/stream?access_token=abc', { id: 'trace-1', route: { path: '/user/stream' } });
    const next = jest.fn();
    middleware(req, res, next);
    res.emit('finish');
    res.emit('close');
    res.emit('error', new Error('late'));
    expect(next).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, reqId: 'trace-1', req: { id: 'trace-1', method: 'GET', url: '/user/stream?access_token=[redacted]' }, res: { statusCode: 200 }, route: '/user/stream', msg: 'request completed' });
    expect(lines[0].responseTime).toEqual(expect.any(Number));
    expect(Object.keys(lines[0].req as object)).toEqual(['id', 'method', 'url']);
  });

  it('calls the finished observer once for a finished response, and not for one whose client left first', () => {
    const logger = pino({ level: 'silent' });
    const seen: Array<[number, number]> = [];
    const middleware = requestLog(logger, () => 'id', (_req, res, seconds) => seen.push([res.statusCode, seconds]));
    const finished = exchange('/v1/users');
    middleware(finished.req, finished.res, () => undefined);
    Object.assign(finished.res, { writableFinished: true });
    finished.res.emit('finish');
    finished.res.emit('close');
    const aborted = exchange('/v1/users', { readableAborted: true });
    middleware(aborted.req, aborted.res, () => undefined);
    Object.assign(aborted.res, { writableEnded: false, writableFinished: false });
    aborted.res.emit('close');
    expect(seen).toEqual([[200, expect.any(Number)]]);
    expect(seen[0][1]).toBeGreaterThanOrEqual(0);
  });

  it('gives a request without an id one, and logs failures at error level with the error', () => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/v1/users');
    middleware(req, res, () => undefined);
    res.statusCode = 500;
    res.err = new Error('boom');
    res.emit('finish');
    res.emit('close');
    expect(lines[0]).toMatchObject({ level: 50, reqId: 'generated-id', res: { statusCode: 500 }, route: null, msg: 'request errored', err: { message: 'boom' } });
    expect((lines[0].err as { stack?: string }).stack).toContain('boom');
  });

  it.each([400, 401, 404, 415, 431, 511])('logs a %i at info without an error or stack, even one the filter flagged', (status) => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/user/update/vanity', { method: 'POST' });
    middleware(req, res, () => undefined);
    res.statusCode = status;
    res.err = new Error('flagged');
    res.emit('finish');
    res.emit('close');
    expect(lines[0]).toMatchObject({ level: 30, res: { statusCode: status }, msg: 'request completed' });
    expect(lines[0].err).toBeUndefined();
  });

  it.each([500, 502, 503])('logs a %i without an error object at error level with a stack', (status) => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/health/ready');
    middleware(req, res, () => undefined);
    res.statusCode = status;
    res.emit('finish');
    res.emit('close');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request errored' });
    expect((lines[0].err as { stack?: string }).stack).toContain(`status code ${status}`);
  });

  it('says so when the client left before the response ended', () => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/user');
    middleware(req, res, () => undefined);
    (res as { writableEnded: boolean }).writableEnded = false;
    res.emit('close');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request aborted' });
  });
});
