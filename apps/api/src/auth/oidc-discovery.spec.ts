import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { OidcDiscovery } from './oidc-discovery';

describe('OidcDiscovery', () => {
  let server: Server;
  let issuer: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (requests = 0));

  const discovery = (cooldownMs: number) => new OidcDiscovery({ auth: { jwksCooldownMs: cooldownMs } } as AppConfig);

  it('asks an issuer whose discovery fails once per cool-down, not on every token', async () => {
    const oidc = discovery(60_000);
    for (let i = 0; i < 5; i++) await expect(oidc.keysFor(issuer)).rejects.toThrow(/answered 404/);
    expect(requests).toBe(1);
  });

  it('asks again once the cool-down has passed', async () => {
    const oidc = discovery(0);
    for (let i = 0; i < 3; i++) await expect(oidc.keysFor(issuer)).rejects.toThrow(/answered 404/);
    expect(requests).toBe(3);
  });
});
