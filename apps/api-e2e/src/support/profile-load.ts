import { setTimeout as sleep } from 'node:timers/promises';

/** One request of the load, as the client saw it. */
export interface Attempt {
  kind: 'write' | 'read';
  writer: number;
  /** Writes: the n-th write of this writer; its name is `name(writer, seq)`. */
  seq: number;
  startedAt: number;
  ms: number;
  /** HTTP status, or what happened instead of an answer. */
  status: number | 'no answer' | 'network error';
  retryAfter: string | null;
  body: unknown;
  /** Version from the ETag of a 2xx. */
  version?: number;
}

export const nameOf = (writer: number, seq: number) => `w${writer}-${seq}`;
const seqOf = (name: string) => Number(/^w\d+-(\d+)$/.exec(name)?.[1] ?? -1);

/**
 * Steady load on profiles: each writer updates its own user's name over and over with POST /user/update,
 * one request at a time (so the order of its writes is known), and reads it back with GET /user. Writer i
 * talks to urls[i % urls.length].
 */
export class ProfileLoad {
  readonly attempts: Attempt[] = [];
  private running = true;
  private readonly loops: Array<Promise<void>>;

  constructor(
    private readonly urls: string[],
    tokens: string[],
  ) {
    this.loops = tokens.map((token, writer) => this.loop(writer, token));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  acknowledgedWrites(writer: number): Attempt[] {
    return this.attempts.filter((a) => a.kind === 'write' && a.writer === writer && typeof a.status === 'number' && a.status < 300);
  }

  /** Resolves once every writer had a write acknowledged after `since`. */
  async allWritersSucceedSince(since: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.loops.some((_, writer) => !this.acknowledgedWrites(writer).some((a) => a.startedAt >= since))) {
      if (Date.now() > deadline) throw new Error(`not every writer succeeded again within ${timeoutMs} ms: ${JSON.stringify(this.attempts.slice(-5))}`);
      await sleep(100);
    }
  }

  /**
   * The proof that no acknowledged write was lost, for one writer's user as stored now. A write that was
   * rolled back after its 2xx would leave its version to be handed out again, or the stored name older
   * than it; later writes that failed (503) may or may not have committed, so the name may be newer.
   */
  lostWrites(writer: number, stored: { name: string; version: number }): string[] {
    const acked = this.acknowledgedWrites(writer);
    const problems: string[] = [];
    acked.forEach((a, i) => {
      if (i > 0 && a.version! <= acked[i - 1].version!) problems.push(`write ${a.seq} got version ${a.version}, not above ${acked[i - 1].version}`);
    });
    const last = acked.at(-1);
    if (last && stored.version < last.version!) problems.push(`stored version ${stored.version} is below acknowledged ${last.version}`);
    if (last && seqOf(stored.name) < last.seq) problems.push(`stored name ${stored.name} is older than acknowledged ${nameOf(writer, last.seq)}`);
    return problems;
  }

  private async loop(writer: number, token: string): Promise<void> {
    const url = this.urls[writer % this.urls.length];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (let seq = 1; this.running; seq++) {
      const write = await this.attempt('write', writer, seq, () => fetch(`${url}/user/update`, { method: 'POST', headers, body: JSON.stringify({ name: nameOf(writer, seq) }), signal: AbortSignal.timeout(30_000) }));
      const read = await this.attempt('read', writer, seq, () => fetch(`${url}/user`, { headers, signal: AbortSignal.timeout(30_000) }));
      // Failures come back at once during an outage: don't spin.
      if (write.status !== 200 || read.status !== 200) await sleep(50);
    }
  }

  private async attempt(kind: Attempt['kind'], writer: number, seq: number, send: () => Promise<Response>): Promise<Attempt> {
    const startedAt = Date.now();
    const attempt: Attempt = { kind, writer, seq, startedAt, ms: 0, status: 'network error', retryAfter: null, body: undefined };
    try {
      const res = await send();
      attempt.status = res.status;
      attempt.retryAfter = res.headers.get('retry-after');
      attempt.body = await res.json().catch(() => undefined);
      const etag = /^"(\d+)"$/.exec(res.headers.get('etag') ?? '');
      if (etag) attempt.version = Number(etag[1]);
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') attempt.status = 'no answer';
    }
    attempt.ms = Date.now() - startedAt;
    this.attempts.push(attempt);
    return attempt;
  }
}
