export * from './generated/apis.js';
export type { components, paths } from './generated/schema.js';
export { type ApiResponse, BaseApi, type RequestOptions } from './runtime/base-api.js';
export { type BackoffOptions, backoffDelay } from './runtime/backoff.js';
export { Configuration, type ConfigurationParameters, type TokenSource, type WebSocketFactory, type WebSocketLike } from './runtime/configuration.js';
export { nextCursor, walkItems, walkPages } from './runtime/pages.js';
export { ResponseError } from './runtime/response-error.js';
export { type StreamOptions, streamUser, type UserStream } from './runtime/user-stream.js';
export { EVENT_STREAM_PATH, type EventStream, type EventStreamOptions, followEvents } from './runtime/event-stream.js';
