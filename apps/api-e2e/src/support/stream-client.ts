import WebSocket from 'ws';

export interface StreamClient {
  socket: WebSocket;
  frames: unknown[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once `count` frames have arrived. */
  waitFrames(count: number, timeoutMs?: number): Promise<unknown[]>;
}

/** Opens /user/stream (or `path`, e.g. `/v1/events/stream?after=…`); rejects with the HTTP status when the upgrade is refused. */
export function openStream(url: string, options: { token?: string; via?: 'header' | 'query' | 'protocol'; headers?: Record<string, string>; path?: string } = {}): Promise<StreamClient> {
  const { token, via = 'header', path = '/user/stream' } = options;
  const target = `${url.replace(/^http/, 'ws')}${path}${token && via === 'query' ? `${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}` : ''}`;
  const socket = new WebSocket(target, token && via === 'protocol' ? ['roster.bearer', token] : [], { headers: { ...options.headers, ...(token && via === 'header' ? { authorization: `Bearer ${token}` } : {}) } });
  const frames: unknown[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const waitFrames = (count: number, timeoutMs = 5000) =>
    new Promise<unknown[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} frames, got ${frames.length}: ${JSON.stringify(frames)}`)), timeoutMs);
      const check = () => (frames.length >= count ? (clearTimeout(timer), resolve(frames)) : waiters.push(check));
      check();
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames, closed, waitFrames }));
    socket.once('unexpected-response', (_request, response) => reject(Object.assign(new Error(`refused with ${response.statusCode}`), { status: response.statusCode, retryAfter: response.headers['retry-after'] })));
    socket.once('error', reject);
  });
}
