import { IncomingMessage, ServerResponse } from 'node:http';
import { Middleware, middlewareChain } from './middleware-chain';

const req = {} as IncomingMessage;
const res = {} as ServerResponse;

describe('middlewareChain', () => {
  it('runs each middleware in order, then calls next once without an error', () => {
    const seen: string[] = [];
    const step = (name: string): Middleware => (_req, _res, next) => (seen.push(name), next());
    const next = jest.fn();
    middlewareChain(step('a'), step('b'), step('c'))(req, res, next);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith();
  });

  it('stops at a middleware that answers without calling next', () => {
    const later = jest.fn();
    const next = jest.fn();
    middlewareChain((_req, _res) => undefined, later)(req, res, next);
    expect(later).not.toHaveBeenCalled();
    expect(next).not.toHaveBeenCalled();
  });

  it('passes an error given to next, or thrown, to Express and skips the rest', () => {
    const failure = new Error('bad body');
    for (const failing of [((_req, _res, next) => next(failure)) as Middleware, (() => { throw failure; }) as Middleware]) {
      const later = jest.fn();
      const next = jest.fn();
      middlewareChain(failing, later)(req, res, next);
      expect(later).not.toHaveBeenCalled();
      expect(next).toHaveBeenCalledWith(failure);
    }
  });

  it('goes on when a middleware calls next later (a body read from the socket)', async () => {
    const seen: string[] = [];
    const next = jest.fn();
    middlewareChain((_req, _res, go) => void setImmediate(() => (seen.push('read'), go())), (_req, _res, go) => (seen.push('after'), go()))(req, res, next);
    expect(seen).toEqual([]);
    await new Promise((done) => setImmediate(done));
    expect(seen).toEqual(['read', 'after']);
    expect(next).toHaveBeenCalledWith();
  });
});
