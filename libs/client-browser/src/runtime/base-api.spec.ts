import { UserApi } from '../generated/apis';
import { Configuration } from './configuration';
import { ResponseError } from './response-error';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('generated API classes', () => {
  it('send the token from an async provider, the If-Match header and the body; return data and headers', async () => {
    const seen: Request[] = [];
    const fetch = async (request: Request) => (seen.push(request), json(200, { id: 'u1' }, { ETag: '"3"' }));
    const api = new UserApi(new Configuration({ basePath: 'http://svc/', accessToken: async () => 't0k', fetch: fetch as typeof globalThis.fetch }));
    const result = await api.updateUserRaw({ userProfile: { id: 'u1' } as never, ifMatch: '"2"' });
    expect(result.data).toEqual({ id: 'u1' });
    expect(result.response.headers.get('ETag')).toBe('"3"');
    expect(seen[0].url).toBe('http://svc/user/update');
    expect(seen[0].headers.get('Authorization')).toBe('Bearer t0k');
    expect(seen[0].headers.get('If-Match')).toBe('"2"');
    expect(await seen[0].json()).toEqual({ id: 'u1' });
  });

  it('throw one ResponseError with the status and the error body', async () => {
    const fetch = async () => json(412, { title: 'changed', errorCode: 'PreconditionFailed', errorId: 'r1' });
    const api = new UserApi({ fetch: fetch as typeof globalThis.fetch });
    const error = await api.updateUser({ userProfile: { id: 'u1' } as never }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 412, body: { errorCode: 'PreconditionFailed', errorId: 'r1' }, message: '412 PreconditionFailed: changed' });
  });

  it('send no Authorization header without a token', async () => {
    const seen: Request[] = [];
    const fetch = async (request: Request) => (seen.push(request), json(200, {}));
    await new UserApi({ fetch: fetch as typeof globalThis.fetch }).userSnapshot();
    expect(seen[0].headers.has('Authorization')).toBe(false);
  });
});
