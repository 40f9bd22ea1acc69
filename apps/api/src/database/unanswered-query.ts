import { Socket } from 'node:net';
import { Client, ClientConfig } from 'pg';

/** pg's message when a query's client-side `query_timeout` passes without a reply from the server. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

/** Closes a client's socket at once; its pool (or its owner) sees the end and lets it go. */
export function dropConnection(client: Client): void {
  (client as unknown as { connection?: { stream?: Socket } }).connection?.stream?.destroy();
}

/**
 * A pg client that drops its connection when the server did not answer a query in time. pg gives up on
 * the query but keeps the connection, whose next queries would wait behind the unanswered one; after a
 * network partition that would be forever, and the pool would keep handing the connection out.
 */
export class DropOnTimeoutClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
  }

  override query(...args: unknown[]): never {
    const result = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      result.catch((error: Error) => {
        if (error?.message === QUERY_READ_TIMEOUT) dropConnection(this);
      });
    }
    return result as never;
  }
}
