import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { corsForBrowsers } from './cors';

const options = { origin: ['https://app.example'], allowedHeaders: ['Authorization'], exposedHeaders: ['ETag'], maxAge: 600 };

async function request(method: string, headers: Record<string, string>) {
  const middleware = corsForBrowsers(options);
  const server = createServer((req, res) => middleware(req, res, () => res.writeHead(200).end('ok')));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method, headers });
    return { status: res.status, headers: Object.fromEntries(res.headers) };
  } finally {
    server.close();
  }
}

describe('corsForBrowsers', () => {
  it('gives a request without Origin only Vary: Origin', async () => {
    const { status, headers } = await request('GET', {});
    expect(status).toBe(200);
    expect(headers.vary).toBe('Origin');
    expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('allows a listed origin and exposes the headers', async () => {
    const { headers } = await request('GET', { origin: 'https://app.example' });
    expect(headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example', 'access-control-expose-headers': 'ETag', vary: 'Origin' });
  });

  it('does not allow an unlisted origin', async () => {
    const { headers } = await request('GET', { origin: 'https://evil.example' });
    expect(headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight itself', async () => {
    const { status, headers } = await request('OPTIONS', { origin: 'https://app.example', 'access-control-request-method': 'POST' });
    expect(status).toBe(204);
    expect(headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example', 'access-control-allow-headers': 'Authorization', 'access-control-max-age': '600' });
  });
});
