import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { recordedHeaders } from './security-headers';

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
