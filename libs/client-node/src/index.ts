import { type EventStream, type EventStreamOptions, followEvents as followWith, type StreamOptions, streamUser as streamWith, type UserStream } from '@roster/client-browser';
import { Configuration, type ConfigurationParameters } from './configuration.js';

export * from '@roster/client-browser';
// Node's Configuration (ws, access keys) replaces the browser one of the same name.
export { Configuration, type ConfigurationParameters } from './configuration.js';
export { serviceClientTokenSource } from './service-client-token.js';

/** `streamUser` over `ws` (Node 20 has no global WebSocket). */
export function streamUser(configuration: Configuration | ConfigurationParameters = {}, options: StreamOptions = {}): UserStream {
  return streamWith(configuration instanceof Configuration ? configuration : new Configuration(configuration), options);
}

/** `followEvents` over `ws`: the live event feed, resuming after the last event received. */
export function followEvents(configuration: Configuration | ConfigurationParameters = {}, options: EventStreamOptions = {}): EventStream {
  return followWith(configuration instanceof Configuration ? configuration : new Configuration(configuration), options);
}
