import type { EventDto } from '../generated/apis.js';
import { STREAM_BEARER_PROTOCOL, STREAM_CLOSE_CODES } from '../generated/apis.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { Configuration, type ConfigurationParameters, toConfiguration, type WebSocketFactory, type WebSocketLike } from './configuration.js';

export const EVENT_STREAM_PATH = '/v1/events/stream';

export interface EventStreamOptions extends BackoffOptions {
  /** Start after this eventId (e.g. the last one your consumer processed); default: only what is recorded from now on. */
  after?: string;
  /**
   * Events held for a reader that falls behind. When full, the connection is closed and reopened after the
   * last held event once the reader has caught up: nothing is dropped. Default 1000.
   */
  bufferSize?: number;
  onReconnect?: (info: { attempt: number; delayMs: number; code: number }) => void;
}

/** The live event feed: each value is one EventDto, oldest first, each once; `lastEventId` is where a new follower would resume. */
export interface EventStream extends AsyncIterableIterator<EventDto> {
  readonly lastEventId: string | undefined;
  close(): void;
}

type Waiter = (result: IteratorResult<EventDto>) => void;

class ReconnectingEventStream implements EventStream {
  private readonly events: EventDto[] = [];
  private readonly waiters: Waiter[] = [];
  private socket: WebSocketLike | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private done = false;
  private paused = false;
  /** The last event received (held or handed out): a reconnect resumes after it. */
  private received: string | undefined;
  lastEventId: string | undefined;

  constructor(
    private readonly configuration: Configuration,
    private readonly factory: WebSocketFactory,
    private readonly options: EventStreamOptions,
  ) {
    this.received = this.lastEventId = options.after;
    void this.connect();
  }

  next(): Promise<IteratorResult<EventDto>> {
    if (this.events.length) {
      const event = this.events.shift()!;
      this.lastEventId = event.eventId;
      if (this.paused && this.events.length <= this.capacity / 2) {
        this.paused = false;
        void this.connect();
      }
      return Promise.resolve({ value: event, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<EventDto>> {
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

  private get capacity(): number {
    return this.options.bufferSize ?? 1000;
  }

  private async connect(): Promise<void> {
    let token: string | undefined;
    try {
      token = await this.configuration.token();
    } catch {
      return this.retry(1006);
    }
    if (this.done || this.paused) return;
    const after = this.received ? `?after=${encodeURIComponent(this.received)}` : '';
    const socket = (this.socket = this.factory(`${this.configuration.basePath.replace(/^http/, 'ws')}${EVENT_STREAM_PATH}${after}`, token));
    socket.onmessage = ({ data }) => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.push(JSON.parse(String(data)) as EventDto);
    };
    socket.onerror = () => undefined; // a close event follows
    socket.onclose = ({ code }) => {
      if (socket !== this.socket || this.done || this.paused) return;
      // Refused with a fixed token: the same token would be refused again.
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

  private push(event: EventDto): void {
    this.received = event.eventId;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.lastEventId = event.eventId;
      return waiter({ value: event, done: false });
    }
    this.events.push(event);
    if (this.events.length >= this.capacity && !this.paused) {
      // Full: stop reading rather than drop; next() reconnects after the last held event once half is read.
      this.paused = true;
      const socket = this.socket;
      this.socket = undefined;
      socket?.close(1000);
    }
  }

  private finish(): void {
    this.done = true;
    clearTimeout(this.timer);
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }
}

const browserWebSocket: WebSocketFactory = (url, token) => new WebSocket(url, token ? [STREAM_BEARER_PROTOCOL, token] : []) as unknown as WebSocketLike;

/**
 * Follows `/v1/events/stream` (permission `events:read`): reconnects with back-off and resumes after the last
 * event received, so a dropped connection or a restart of the service loses and repeats nothing. Keep
 * `lastEventId` where your consumer commits its work and pass it as `after` when the process starts again.
 */
export function followEvents(configuration: Configuration | ConfigurationParameters = {}, options: EventStreamOptions = {}): EventStream {
  const config = toConfiguration(configuration);
  return new ReconnectingEventStream(config, config.parameters.webSocket ?? browserWebSocket, options);
}
