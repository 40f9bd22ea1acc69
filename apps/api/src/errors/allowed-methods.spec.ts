import express from 'express';
import { allowedMethodsOf } from './allowed-methods';

describe('allowedMethodsOf', () => {
  const app = express();
  app.get('/health/live', () => undefined);
  app.get('/v1/users', () => undefined);
  app.delete('/v1/users/:userId', () => undefined);
  app.get('/v1/users/:userId', () => undefined);
  app.use((_req, _res, next) => next());
  const allowed = allowedMethodsOf(app as never);

  it('lists every method the routes of a path serve, HEAD with GET', () => {
    expect(allowed('/health/live')).toEqual(['GET', 'HEAD']);
    expect(allowed('/v1/users/alice%7C1')).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it('knows no method for an unknown path, nor for one that only a middleware sees', () => {
    expect(allowed('/health/nope')).toEqual([]);
    expect(allowed('/v1/users/a/b')).toEqual([]);
  });
});
