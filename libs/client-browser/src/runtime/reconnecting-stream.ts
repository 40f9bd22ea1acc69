import { STREAM_BEARER_PROTOCOL, STREAM_CLOSE_CODES } from '../generated/apis.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import type { Configuration, WebSocketFactory, WebSocketLike } from './configuration.js';

export interface ReconnectOptions extends BackoffOptions {
  /** Called when a connection closes and another attempt is scheduled. */
  onReconnect?: (info: { attempt: number; delayMs: number; code: number }) => void;
}

type Waiter<T> = (result: IteratorResult<T>) => void;

/**
 * A WebSocket feed read as an async iterator: connects with a fresh token each time, reconnects with back-off,
 * and ends on `close()` or on a sign-out with a fixed token (the same token would be refused again). Each stream
 * decides what it holds for a reader that falls behind (`hold`) and where a new connection starts (`url`).
 */
export abstract class ReconnectingStream<T> implements AsyncIterableIterator<T> {
  /** Values received while no reader waits, oldest first. */
  protected readonly held: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private socket: WebSocketLike | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private done = false;
  private paused = false;

  constructor(
    private readonly configuration: Configuration,
    private readonly factory: WebSocketFactory,
    private readonly options: ReconnectOptions,
  ) {}

  /** The address of the next connection, `ws(s)://` included. */
  protected abstract url(wsBase: string): string;
  /** Keeps a value no reader waits for (in `held`), by the stream's own buffering rule. */
  protected abstract hold(value: T): void;
  /** Every value on its way to the reader, from `held` or straight from the socket. */
  protected handedOut(_value: T): void {}

  next(): Promise<IteratorResult<T>> {
    if (this.held.length) {
      const value = this.held.shift()!;
      this.handedOut(value);
      return Promise.resolve({ value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
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

  /** Stops reading (closing the connection without reconnecting) until `resume()`. */
  protected pause(): void {
    if (this.paused) return;
    this.paused = true;
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }

  protected get isPaused(): boolean {
    return this.paused;
  }

  protected resume(): void {
    this.paused = false;
    void this.connect();
  }

  protected async connect(): Promise<void> {
    let token: string | undefined;
    try {
      token = await this.configuration.token();
    } catch {
      return this.retry(1006);
    }
    if (this.done || this.paused) return;
    const socket = (this.socket = this.factory(this.url(this.configuration.basePath.replace(/^http/, 'ws')), token));
    socket.onmessage = ({ data }) => {
      // A connection closed by pause() may still deliver what was in flight: the next one starts after what was kept.
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.push(JSON.parse(String(data)) as T);
    };
    socket.onerror = () => undefined; // a close event follows
    socket.onclose = ({ code }) => {
      if (socket !== this.socket || this.done || this.paused) return;
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

  private push(value: T): void {
    const waiter = this.waiters.shift();
    if (!waiter) return this.hold(value);
    this.handedOut(value);
    waiter({ value, done: false });
  }

  private finish(): void {
    this.done = true;
    clearTimeout(this.timer);
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }
}

/** The browser's WebSocket; the token travels as a subprotocol because browsers cannot set headers. */
export const browserWebSocket: WebSocketFactory = (url, token) => new WebSocket(url, token ? [STREAM_BEARER_PROTOCOL, token] : []) as unknown as WebSocketLike;
