import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const { E2E_ADMIN_URL: adminUrl, E2E_TEMPLATE_DB: template } = process.env;
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  const server = (globalThis as { embeddedServer?: ChildProcess }).embeddedServer;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}
