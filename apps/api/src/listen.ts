import { INestApplication } from '@nestjs/common';

/** Listens, turning the common bind failures into a message that says what to do. */
export async function listen(app: INestApplication, port: number, host: string): Promise<void> {
  const server = app.getHttpServer() as import('node:http').Server;
  // Longer than the usual load-balancer idle timeout (60 s), so the balancer, not us, closes idle
  // keep-alive connections and never sends a request down one we are closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  try {
    await app.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new Error(`Port ${port} needs privileges on this system; set PORT to a number above 1023 (for example PORT=5323).`);
    if (code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host} is already in use; stop the other process or set PORT.`);
    throw error;
  }
}
