import { startEmbeddedDatabase } from '../database/embedded-postgres';

/** Runs an embedded cluster until SIGTERM/SIGINT; used by the e2e suite when DATABASE_URL is unset. */
export async function embeddedDbCommand([dir]: string[]): Promise<void> {
  if (!dir) throw new Error('embedded-db needs a directory');
  const cluster = await startEmbeddedDatabase(dir, (line) => process.stderr.write(`${line}\n`), true);
  process.stdout.write(`${JSON.stringify({ url: cluster.url })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await cluster.stop();
}
