import { Configuration as BaseConfiguration, type ConfigurationParameters as BaseParameters, type WebSocketFactory, type WebSocketLike } from '@roster/client-browser';
import WebSocket from 'ws';
import { serviceClientTokenSource } from './service-client-token.js';

export interface ConfigurationParameters extends BaseParameters {
  /** A service client's access key, `clientId.keyId.accountId.privateKey`: tokens are signed from it. */
  accessKey?: string;
}

/** `ws`, with the token in the Authorization header. */
const nodeWebSocket: WebSocketFactory = (url, token) => new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }) as unknown as WebSocketLike;

/**
 * The browser client's configuration with Node defaults: `ws` for the stream and access-key signing.
 * Requests go through Node's own `fetch`, whose connection pool keeps connections alive between calls.
 */
export class Configuration extends BaseConfiguration {
  constructor({ accessKey, ...parameters }: ConfigurationParameters = {}) {
    const basePath = parameters.basePath ?? new BaseConfiguration(parameters).basePath;
    super({ webSocket: nodeWebSocket, ...parameters, accessToken: parameters.accessToken ?? (accessKey ? serviceClientTokenSource(accessKey, basePath) : undefined) });
  }
}
