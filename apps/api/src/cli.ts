import 'reflect-metadata';
import { parseEnvironment } from './config/environment';
import { embeddedDbCommand } from './cli/embedded-db.command';
import { migrateCommand, migrationCheckCommand } from './cli/migrate.command';

const USAGE = `Usage: roster <command>
  migrate            run pending migrations on DATABASE_URL (or the embedded database)
  migration-check    prove entities and migrations agree, on a scratch database
  embedded-db DIR    run an embedded PostgreSQL in DIR until SIGTERM; prints its URL as JSON`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate: () => migrateCommand(parseEnvironment(process.env)),
  'migration-check': () => migrationCheckCommand(parseEnvironment(process.env)),
  'embedded-db': embeddedDbCommand,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = commands[name ?? ''];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(name ? 2 : 0);
  }
  await command(args);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
