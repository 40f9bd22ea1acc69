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
    // A connection that dies while checked out but between queries (the server restarting, pg_terminate_backend)
    // emits 'error' with only its holder's listener, if any: without one the process would exit. The error changes
    // nothing here: the client is no longer queryable, its holder's next query fails, and the pool drops it on release.
    this.on('error', () => undefined);
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
