/** A bearer token, or a function that returns the current one (called before every request and connect). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/** The part of a WebSocket both the browser's and the `ws` package's implement. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

/** Opens a WebSocket to `url` that presents `token` (if any) to the service. */
export type WebSocketFactory = (url: string, token: string | undefined) => WebSocketLike;

export interface ConfigurationParameters {
  /** The service's origin (and path prefix, if any). Default `http://localhost:39300`. */
  basePath?: string;
  accessToken?: TokenSource;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Sends each request; default the global `fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  webSocket?: WebSocketFactory;
}

export class Configuration {
  constructor(readonly parameters: ConfigurationParameters = {}) {}

  get basePath(): string {
    return (this.parameters.basePath ?? 'http://localhost:39300').replace(/\/+$/, '');
  }

  async token(): Promise<string | undefined> {
    const source = this.parameters.accessToken;
    return typeof source === 'function' ? source() : source;
  }
}

export const toConfiguration = (configuration: Configuration | ConfigurationParameters = {}): Configuration =>
  configuration instanceof Configuration ? configuration : new Configuration(configuration);
