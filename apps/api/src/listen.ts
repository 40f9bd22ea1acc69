import { createServer } from 'node:net';
import { INestApplication } from '@nestjs/common';

export interface ListenLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Listens, turning the common bind failures into a message that says what to do. */
export async function listen(app: INestApplication, port: number, host: string, limits: ListenLimits): Promise<void> {
  const server = app.getHttpServer() as import('node:http').Server;
  // Longer than the usual load-balancer idle timeout (60 s), so the balancer, not us, closes idle
  // keep-alive connections and never sends a request down one we are closing.
  server.keepAliveTimeout = 65_000;
  // Slow-loris: a client that dribbles its headers or body gets 408 and loses the connection. Node checks
  // these every connectionsCheckingInterval (30 s unless set before listening), so the limits hold to a second.
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  (server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1000;
  try {
    await app.listen(port, host);
  } catch (error) {
    throw bindError(error, port, host);
  }
}

/**
 * Fails at once when the port cannot be had, before the caller creates a database or a key for a
 * service that would not start; listen() still reports a port taken in between.
 */
export async function ensurePortFree(port: number, host: string): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    throw bindError(error, port, host);
  }
  await new Promise((resolve) => probe.close(resolve));
}

function bindError(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return new Error(`Port ${port} needs privileges on this system; set PORT to a number above 1023 (for example PORT=39300).`);
  if (code === 'EADDRINUSE') return new Error(`Port ${port} is in use on ${host}; stop the other process or set PORT.`);
  return error;
}
