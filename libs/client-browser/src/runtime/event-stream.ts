import type { EventDto } from '../generated/apis.js';
import { Configuration, type ConfigurationParameters, toConfiguration, type WebSocketFactory } from './configuration.js';
import { browserWebSocket, type ReconnectOptions, ReconnectingStream } from './reconnecting-stream.js';

export const EVENT_STREAM_PATH = '/v1/events/stream';

export interface EventStreamOptions extends ReconnectOptions {
  /** Start after this eventId (e.g. the last one your consumer processed); default: only what is recorded from now on. */
  after?: string;
  /**
   * Events held for a reader that falls behind. When full, the connection is closed and reopened after the
   * last held event once the reader has caught up: nothing is dropped. Default 1000.
   */
  bufferSize?: number;
}

/** The live event feed: each value is one EventDto, oldest first, each once; `lastEventId` is where a new follower would resume. */
export interface EventStream extends AsyncIterableIterator<EventDto> {
  readonly lastEventId: string | undefined;
  close(): void;
}

class ReconnectingEventStream extends ReconnectingStream<EventDto> implements EventStream {
  private readonly capacity: number;
  lastEventId: string | undefined;

  constructor(configuration: Configuration, factory: WebSocketFactory, options: EventStreamOptions) {
    super(configuration, factory, options);
    this.capacity = options.bufferSize ?? 1000;
    this.lastEventId = options.after;
    void this.connect();
  }

  protected url(wsBase: string): string {
    // A reconnect resumes after the last event received: the last one held, else the last one handed out.
    const received = this.held.length ? this.held[this.held.length - 1].eventId : this.lastEventId;
    return `${wsBase}${EVENT_STREAM_PATH}${received ? `?after=${encodeURIComponent(received)}` : ''}`;
  }

  protected hold(event: EventDto): void {
    this.held.push(event);
    // Full: stop reading rather than drop; handedOut() reconnects after the last held event once half is read.
    if (this.held.length >= this.capacity) this.pause();
  }

  protected override handedOut(event: EventDto): void {
    this.lastEventId = event.eventId;
    if (this.isPaused && this.held.length <= this.capacity / 2) this.resume();
  }
}

/**
 * Follows `/v1/events/stream` (permission `events:read`): reconnects with back-off and resumes after the last
 * event received, so a dropped connection or a restart of the service loses and repeats nothing. Keep
 * `lastEventId` where your consumer commits its work and pass it as `after` when the process starts again.
 */
export function followEvents(configuration: Configuration | ConfigurationParameters = {}, options: EventStreamOptions = {}): EventStream {
  const config = toConfiguration(configuration);
  return new ReconnectingEventStream(config, config.parameters.webSocket ?? browserWebSocket, options);
}
