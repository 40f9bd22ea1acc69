import { INestApplication } from '@nestjs/common';

/** Listens, turning the common bind failures into a message that says what to do. */
export async function listen(app: INestApplication, port: number, host: string): Promise<void> {
  try {
    await app.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new Error(`Port ${port} needs privileges on this system; set PORT to a number above 1023 (for example PORT=5323).`);
    if (code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host} is already in use; stop the other process or set PORT.`);
    throw error;
  }
}
