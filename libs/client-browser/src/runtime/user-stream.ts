import type { UserProfile } from '../generated/apis.js';
import { STREAM_BEARER_PROTOCOL, STREAM_CLOSE_CODES, STREAM_PATH } from '../generated/apis.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { Configuration, type ConfigurationParameters, toConfiguration, type WebSocketFactory, type WebSocketLike } from './configuration.js';

export interface StreamOptions extends BackoffOptions {
  /** Frames kept for a reader that falls behind; the oldest are dropped (each frame is a whole profile). Default 100. */
  bufferSize?: number;
  /** Called when a connection closes and another attempt is scheduled. */
  onReconnect?: (info: { attempt: number; delayMs: number; code: number }) => void;
}

/** Live profile of the signed-in user: each value is the whole UserProfile, `null` when signed out. */
export interface UserStream extends AsyncIterableIterator<UserProfile | null> {
  close(): void;
}

type Waiter = (result: IteratorResult<UserProfile | null>) => void;

class ReconnectingUserStream implements UserStream {
  private readonly frames: (UserProfile | null)[] = [];
  private readonly waiters: Waiter[] = [];
  private socket: WebSocketLike | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private done = false;

  constructor(
    private readonly configuration: Configuration,
    private readonly factory: WebSocketFactory,
    private readonly options: StreamOptions,
  ) {
    void this.connect();
  }

  next(): Promise<IteratorResult<UserProfile | null>> {
    if (this.frames.length) return Promise.resolve({ value: this.frames.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<UserProfile | null>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  close(): void {
    this.finish();
    this.socket?.close(1000);
  }

  private async connect(): Promise<void> {
    let token: string | undefined;
    try {
      token = await this.configuration.token();
    } catch {
      return this.retry(1006);
    }
    if (this.done) return;
    const url = `${this.configuration.basePath.replace(/^http/, 'ws')}${STREAM_PATH}`;
    const socket = (this.socket = this.factory(url, token));
    socket.onmessage = ({ data }) => {
      this.attempt = 0;
      this.push(JSON.parse(String(data)) as UserProfile | null);
    };
    socket.onerror = () => undefined; // a close event follows
    socket.onclose = ({ code }) => {
      if (socket !== this.socket || this.done) return;
      // Signed out with a fixed token: the same token would be refused again.
      if (code === STREAM_CLOSE_CODES.signedOut && typeof this.configuration.parameters.accessToken !== 'function') return this.finish();
      this.retry(code);
    };
  }

  private retry(code: number): void {
    if (this.done) return;
    const delayMs = backoffDelay(this.attempt++, this.options);
    this.options.onReconnect?.({ attempt: this.attempt, delayMs, code });
    this.timer = setTimeout(() => void this.connect(), delayMs);
  }

  private push(frame: UserProfile | null): void {
    const waiter = this.waiters.shift();
    if (waiter) return waiter({ value: frame, done: false });
    this.frames.push(frame);
    if (this.frames.length > (this.options.bufferSize ?? 100)) this.frames.shift();
  }

  private finish(): void {
    this.done = true;
    clearTimeout(this.timer);
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }
}

/** The browser's WebSocket; the token travels as a subprotocol because browsers cannot set headers. */
const browserWebSocket: WebSocketFactory = (url, token) => new WebSocket(url, token ? [STREAM_BEARER_PROTOCOL, token] : []) as unknown as WebSocketLike;

/** Opens `/user/stream` and keeps it open: reconnects with back-off until `close()` or a sign-out with a fixed token. */
export function streamUser(configuration: Configuration | ConfigurationParameters = {}, options: StreamOptions = {}): UserStream {
  const config = toConfiguration(configuration);
  return new ReconnectingUserStream(config, config.parameters.webSocket ?? browserWebSocket, options);
}
