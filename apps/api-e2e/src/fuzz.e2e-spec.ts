import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { bodyText, caller, extraHeaders, pathSegment, queryString } from './support/fuzz/inputs';
import { Operation, operations } from './support/fuzz/openapi-operations';
import { tableSnapshot } from './support/fuzz/table-snapshot';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

// Thousands of requests in all; FUZZ_RUNS raises it for a longer hunt.
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 70);
const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** fast-check's report, with long strings (a 60 kB body) cut so the failure stays readable. */
function reportShortly<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const short = JSON.stringify(details.counterexample, (_key, value) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}… (${value.length} chars)` : value));
  throw new Error(`${(details.errorInstance as Error)?.message}\nafter ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}"); shrunk counterexample: ${short}`);
}

describeLocal('fuzzing every route of the OpenAPI document', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const rootKey = newAccessKey('sc_root');
  let fuzzKey: string;
  const known: string[] = ['fuzz-alice', 'fuzz-tenant', randomUUID()];
  let snapshot: Record<string, string>;
  let requests = 0;
  let strayKey: Awaited<ReturnType<TestIssuer['strayKey']>> | undefined;
  const statuses: Record<number, number> = {};

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: rootKey, LOG_LEVEL: 'warn' });
    const root = callAs(rootKey, sut.url);
    // Every permission but users:delete: a deletion's job changes data later, after other requests.
    const fuzzer = (await (await root('POST', '/v1/clients', { name: 'fuzzer', permissions: ['users:read', 'users:write', 'tenants:read', 'tenants:write', 'clients:write'] })).json()) as { clientId: string };
    fuzzKey = ((await (await root('POST', `/v1/clients/${fuzzer.clientId}/access-keys`)).json()) as { accessKey: string }).accessKey;
    const victim = (await (await root('POST', '/v1/clients', { name: 'victim', permissions: ['users:read'] })).json()) as { clientId: string };
    const victimKey = (await (await root('POST', `/v1/clients/${victim.clientId}/access-keys`)).json()) as { keyId: string };
    const alice = (await (await fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: await idp.accessToken('fuzz-alice') }) })).json()) as { id: string };
    await expect(await root('POST', '/v1/tenants', { tenantId: 'fuzz-tenant', tenantLookupIdentifier: 'fuzz.example' })).toHaveStatus(201);
    known.push(alice.id, victim.clientId, victimKey.keyId);
    snapshot = await tableSnapshot(sut.database!);
  });
  afterAll(async () => {
    process.stdout.write(`  fuzz: ${requests} requests over ${operations.length} operations; statuses ${JSON.stringify(statuses)}\n`);
    await sut.close();
    await idp.stop();
  });

  /**
   * A credential of that kind, minted anew every second: a fuzzed sign-out (which refuses tokens issued up to
   * that second) must not disarm the rest of the run.
   */
  const minted = new Map<string, { second: number; value: Promise<string | undefined> }>();
  function authorization(kind: string): Promise<string | undefined> {
    if (kind.startsWith('raw:')) return Promise.resolve(kind.slice(4));
    const second = Math.floor(Date.now() / 1000);
    if (minted.get(kind)?.second !== second) minted.set(kind, { second, value: mint(kind, second) });
    return minted.get(kind)!.value;
  }

  async function mint(kind: string, now: number): Promise<string | undefined> {
    if (kind === 'user') return `Bearer ${await idp.accessToken('fuzz-alice')}`;
    if (kind === 'newcomer') return `Bearer ${await idp.accessToken(`newcomer-${now}`)}`;
    if (kind === 'client') return `Bearer ${await clientToken(fuzzKey, sut.url)}`;
    if (kind === 'expired') return `Bearer ${await idp.accessToken('fuzz-alice', { iat: now - 7200, exp: now - 3600 })}`;
    if (kind === 'foreign') return `Bearer ${await idp.sign({ sub: 'fuzz-alice', aud: API_AUDIENCE }, { key: (strayKey ??= await idp.strayKey()) })}`;
    if (kind === 'tampered') return `Bearer ${(await idp.accessToken('fuzz-alice')).slice(0, -2)}AA`;
    if (kind === 'none-alg') return `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: idp.issuer, sub: 'fuzz-alice', aud: API_AUDIENCE, iat: now, exp: now + 60 })).toString('base64url')}.`;
    return undefined;
  }

  function requestsFor(operation: Operation) {
    return fc.record({
      method: fc.oneof({ weight: 9, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
      segments: fc.tuple(...operation.pathParams.map(() => pathSegment(known)), fc.constant('')),
      query: queryString(operation.queryParams),
      body: bodyText(operation.body),
      caller,
      headers: extraHeaders,
    });
  }

  /** What is wrong with an answer: a 5xx, or an error that is not the error body. */
  function problemWith(res: Response, text: string, method: string): string | undefined {
    // 511 is the documented answer of two Pieces routes to an anonymous caller, not a failure.
    if (res.status >= 500 && res.status !== 511) return `status ${res.status}: ${text.slice(0, 300)}`;
    if (res.status < 400 || method === 'HEAD') return undefined;
    if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) return `${res.status} with content-type ${res.headers.get('content-type')}: ${text.slice(0, 200)}`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return `${res.status} body is not JSON: ${text.slice(0, 200)}`;
    }
    const shaped = Object.keys(body).sort().join() === 'errorCode,errorId,title' && Object.values(body).every((value) => typeof value === 'string' && value !== '');
    if (!shaped || body.errorId !== res.headers.get('x-request-id')) return `${res.status} body is not the error body: ${text.slice(0, 200)}`;
    return undefined;
  }

  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))('%s: never a 5xx, errors in the error body, and no data changed by a refused request', async (_name, operation) => {
    await fc.assert(
      fc.asyncProperty(requestsFor(operation), async ({ method, segments, query, body, caller: kind, headers }) => {
        requests++;
        let parameter = 0;
        const path = operation.path.replace(/\{[^}]+\}/g, () => segments[parameter++]);
        const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const authorizationHeader = await authorization(kind);
        const sent: Record<string, string> = { ...(withBody ? { 'content-type': 'application/json' } : {}), ...headers, ...(authorizationHeader !== undefined ? { authorization: authorizationHeader } : {}) };
        let res: Response;
        try {
          res = await fetch(`${sut.url}${path}${query ? `?${query}` : ''}`, { method, headers: sent, body: withBody ? body : undefined, signal: AbortSignal.timeout(10_000) });
        } catch (error) {
          if (error instanceof TypeError && !/fetch failed/.test(error.message)) return; // the client refused to send it (an invalid URL or header)
          throw error;
        }
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const problem = problemWith(res, text, method);
        if (problem) throw new Error(problem);
        const after = await tableSnapshot(sut.database!);
        if (res.status >= 400) {
          const changed = Object.keys(after).filter((table) => after[table] !== snapshot[table]);
          if (changed.length > 0) throw new Error(`a ${res.status} changed ${changed.join(', ')}`);
        }
        snapshot = after; // a 2xx may change data: it was a valid request
      }),
      { numRuns: RUNS_PER_ROUTE, reporter: reportShortly },
    );
  });
});
