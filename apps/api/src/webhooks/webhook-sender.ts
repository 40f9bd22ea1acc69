import { lookup as dnsLookup, LookupAddress, LookupAllOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { forbiddenAddress } from './address-policy';

/** What one attempt produced: a status (any, 2xx or not), or an error without one. */
export interface SendResult {
  status?: number;
  /** The first MAX_KEPT_BODY bytes of the response at most. */
  body?: string;
  error?: string;
  durationMs: number;
}

export interface SenderSettings {
  allowPrivateNetworks: boolean;
  connectTimeoutMs: number;
  timeoutMs: number;
}

/** How names resolve (dns.lookup with `all`); replaceable in tests. */
export type Resolve = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export const MAX_KEPT_BODY = 16 * 1024;

/**
 * POSTs signed deliveries. The SSRF guard runs at connect time on the address actually connected to (a
 * checking `lookup`, and IP-literal hosts checked before connecting), so a name re-pointed at a private
 * address after the URL was saved (DNS rebinding) is refused too. Redirects are never followed (a 3xx is a
 * failed attempt); keep-alive sockets are reused only for the address they were checked for.
 */
export class WebhookSender {
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  private readonly lookup: LookupFunction;

  constructor(
    private readonly settings: SenderSettings,
    resolve: Resolve = dnsLookup as Resolve,
  ) {
    this.lookup = guardedLookup(resolve, settings.allowPrivateNetworks);
  }

  /** Why `url` may not be used (scheme, or an IP literal in a forbidden range), or undefined. Names are checked when connecting. */
  refusal(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'the URL is not valid';
    }
    if (parsed.protocol !== 'https:' && !(this.settings.allowPrivateNetworks && parsed.protocol === 'http:')) return 'only https URLs are allowed';
    if (parsed.username || parsed.password) return 'URLs with credentials are not allowed';
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const forbidden = !this.settings.allowPrivateNetworks && isIP(host) ? forbiddenAddress(host) : undefined;
    return forbidden ? `the address ${host} is ${forbidden}` : undefined;
  }

  send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = this.refusal(url);
    if (refused) return Promise.resolve({ error: `refused: ${refused}`, durationMs: 0 });
    const https = url.startsWith('https:');
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connecting);
        resolve({ ...result, durationMs: elapsed() });
      };
      const request = (https ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: https ? this.agents.https : this.agents.http,
        lookup: this.lookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Roster-Webhooks/1' },
      });
      const total = setTimeout(() => request.destroy(new Error(`no complete response within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
      let connecting: NodeJS.Timeout | undefined;
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        connecting = setTimeout(() => request.destroy(new Error(`no connection within ${this.settings.connectTimeoutMs} ms`)), this.settings.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(connecting));
      });
      request.on('error', (error) => finish({ error: describe(error) }));
      request.on('response', (response) => readKept(response, (kept) => finish({ status: response.statusCode, body: kept })));
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** Keeps the first MAX_KEPT_BODY bytes; the rest is not read (the connection is dropped instead). */
function readKept(response: IncomingMessage, done: (kept: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const end = () => done(Buffer.concat(chunks).subarray(0, MAX_KEPT_BODY).toString('utf8'));
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_KEPT_BODY) {
      end();
      response.destroy();
    }
  });
  response.on('end', end);
  response.on('error', end);
  response.on('aborted', end);
}

function guardedLookup(resolve: Resolve, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const forbidden = allowPrivate ? undefined : addresses.map((entry) => [entry.address, forbiddenAddress(entry.address)]).find(([, kind]) => kind);
      if (forbidden) return callback(Object.assign(new Error(`refused: ${hostname} resolves to ${forbidden[0]}, which is ${forbidden[1]}`), { code: 'EREFUSEDADDRESS' }), '', 4);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function describe(error: Error & { code?: string }): string {
  return error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
}
