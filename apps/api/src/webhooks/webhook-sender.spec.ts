import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { MAX_KEPT_BODY, Resolve, WebhookSender } from './webhook-sender';

describe('WebhookSender', () => {
  let server: Server;
  let base: string;
  let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => handle(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const local = () => new WebhookSender({ allowPrivateNetworks: true, connectTimeoutMs: 1000, timeoutMs: 1000 });

  it('POSTs the body with the headers and reports the status and body', async () => {
    let seen: { headers?: IncomingMessage['headers']; body?: string } = {};
    handle = (req, res, body) => {
      seen = { headers: req.headers, body };
      res.writeHead(204).end();
    };
    const sender = local();
    const result = await sender.send(`${base}/hook`, { 'webhook-id': 'e1' }, '{"a":1}');
    sender.close();
    expect(result).toEqual({ status: 204, body: '', durationMs: expect.any(Number) });
    expect(seen.body).toBe('{"a":1}');
    expect(seen.headers).toMatchObject({ 'webhook-id': 'e1', 'content-type': 'application/json' });
  });

  it('keeps at most 16 KB of a response body', async () => {
    handle = (_req, res) => res.writeHead(500).end('x'.repeat(100_000));
    const sender = local();
    const result = await sender.send(base, {}, '{}');
    sender.close();
    expect(result.status).toBe(500);
    expect(result.body).toHaveLength(MAX_KEPT_BODY);
  });

  it('does not follow redirects', async () => {
    const hits: string[] = [];
    handle = (req, res) => {
      hits.push(req.url!);
      res.writeHead(307, { location: `${base}/elsewhere` }).end();
    };
    const sender = local();
    expect((await sender.send(`${base}/first`, {}, '{}')).status).toBe(307);
    sender.close();
    expect(hits).toEqual(['/first']);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    handle = () => undefined; // never answers
    const sender = new WebhookSender({ allowPrivateNetworks: true, connectTimeoutMs: 200, timeoutMs: 300 });
    const result = await sender.send(base, {}, '{}');
    sender.close();
    expect(result).toEqual({ error: 'no complete response within 300 ms', durationMs: expect.any(Number) });
  });

  describe('without WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
    const strict = (resolve?: Resolve) => new WebhookSender({ allowPrivateNetworks: false, connectTimeoutMs: 1000, timeoutMs: 1000 }, resolve);

    it.each([
      ['http://example.com/hook', 'refused: only https URLs are allowed'],
      ['https://127.0.0.1/hook', 'refused: the address 127.0.0.1 is loopback'],
      ['https://169.254.169.254/latest/meta-data', 'refused: the address 169.254.169.254 is link-local'],
      ['https://[::1]/hook', 'refused: the address ::1 is loopback'],
      ['https://[::ffff:127.0.0.1]/hook', 'refused: the address ::ffff:7f00:1 is loopback'],
      ['https://10.0.0.8/hook', 'refused: the address 10.0.0.8 is private'],
    ])('refuses %s before connecting', async (url, error) => {
      expect(await strict().send(url, {}, '{}')).toEqual({ error, durationMs: 0 });
    });

    it('refuses a name that resolves to loopback, at connect time', async () => {
      const result = await strict().send('https://localhost/hook', {}, '{}');
      expect(result.error).toMatch(/^EREFUSEDADDRESS: refused: localhost resolves to (127\.0\.0\.1|::1), which is loopback$/);
    });

    it('refuses a public-looking name re-pointed at a private address (DNS rebinding)', async () => {
      const rebinding: Resolve = (_host, _options, callback) => callback(null, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]);
      const result = await strict(rebinding).send('https://hooks.example.com/hook', {}, '{}');
      expect(result.error).toBe('EREFUSEDADDRESS: refused: hooks.example.com resolves to 10.0.0.1, which is private');
    });
  });
});
