import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { recordedHeaders, securityHeaders } from './security-headers';

/** The headers of a response from a server that runs `middleware` and answers 204. */
async function headersFrom(middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) {
  const server = createServer((req, res) => middleware(req, res, () => res.writeHead(204).end()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/anything?x=1`);
    const headers = Object.fromEntries(res.headers);
    delete headers.date;
    return headers;
  } finally {
    server.close();
  }
}

describe('recordedHeaders', () => {
  it('sets exactly the headers helmet sets, values and all', async () => {
    const direct = await headersFrom(helmet() as never);
    const recorded = await headersFrom(recordedHeaders(helmet() as never));
    expect(recorded).toEqual(direct);
    expect(recorded).toMatchObject({ 'x-content-type-options': 'nosniff', 'strict-transport-security': expect.stringContaining('max-age='), 'content-security-policy': expect.stringContaining("default-src 'self'") });
  });

  it('refuses a middleware that does not finish synchronously', () => {
    expect(() => recordedHeaders(() => undefined)).toThrow(/synchronously/);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const headers = await headersFrom(securityHeaders('https://roster.example.com'));
    expect(headers['strict-transport-security']).toMatch(/max-age=/);
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it.each(['http://roster.lan:39300', 'http://localhost:39300'])('sends neither over plain HTTP (%s), and keeps the rest of the policy', async (publicUrl) => {
    const headers = await headersFrom(securityHeaders(publicUrl));
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
