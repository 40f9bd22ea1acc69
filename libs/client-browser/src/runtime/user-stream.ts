import type { UserProfile } from '../generated/apis.js';
import { STREAM_PATH } from '../generated/apis.js';
import { Configuration, type ConfigurationParameters, toConfiguration, type WebSocketFactory } from './configuration.js';
import { browserWebSocket, type ReconnectOptions, ReconnectingStream } from './reconnecting-stream.js';

export interface StreamOptions extends ReconnectOptions {
  /** Frames kept for a reader that falls behind; the oldest are dropped (each frame is a whole profile). Default 100. */
  bufferSize?: number;
}

/** Live profile of the signed-in user: each value is the whole UserProfile, `null` when signed out. */
export interface UserStream extends AsyncIterableIterator<UserProfile | null> {
  close(): void;
}

class ReconnectingUserStream extends ReconnectingStream<UserProfile | null> implements UserStream {
  private readonly bufferSize: number;

  constructor(configuration: Configuration, factory: WebSocketFactory, options: StreamOptions) {
    super(configuration, factory, options);
    this.bufferSize = options.bufferSize ?? 100;
    void this.connect();
  }

  protected url(wsBase: string): string {
    return `${wsBase}${STREAM_PATH}`;
  }

  protected hold(frame: UserProfile | null): void {
    this.held.push(frame);
    if (this.held.length > this.bufferSize) this.held.shift();
  }
}

/** Opens `/user/stream` and keeps it open: reconnects with back-off until `close()` or a sign-out with a fixed token. */
export function streamUser(configuration: Configuration | ConfigurationParameters = {}, options: StreamOptions = {}): UserStream {
  const config = toConfiguration(configuration);
  return new ReconnectingUserStream(config, config.parameters.webSocket ?? browserWebSocket, options);
}
