import 'reflect-metadata';
import { CommandConfig } from './cli/command-config';
import { adminKeyCommand } from './cli/admin-key.command';
import { clientTokenCommand } from './cli/client-token.command';
import { consoleLinkCommand } from './cli/console-link.command';
import { embeddedDbCommand } from './cli/embedded-db.command';
import { migrateCommand, migrationCheckCommand } from './cli/migrate.command';
import { openapiCommand } from './cli/openapi.command';
import { rotateKeyCommand } from './cli/rotate-key.command';
import { sqlCommand } from './cli/sql.command';
import { tokenCommand } from './cli/token.command';

const USAGE = `Usage: roster <command>
  migrate            run pending migrations on DATABASE_URL (or the embedded database)
  migration-check    prove entities and migrations agree, on a scratch database
  embedded-db DIR    run an embedded PostgreSQL in DIR until SIGTERM; prints its URL as JSON
  token --sub S [--email E] [--name N] [--permissions P,Q] [--ttl 1h] [--sid S] [--id-token]
                     print a token from Roster's own issuer
  client-token [--access-key K | --file F] [--ttl 1h]
                     print a bearer token for a service client's access key (default: ROSTER_ACCESS_KEY,
                     else the admin key the first start wrote to ROSTER_DATA_DIR/admin-access-key)
  openapi [FILE]     write the OpenAPI document (no server, no database)
  sql DIR            write every hand-written statement to DIR/<area>.sql (no server, no database)
  rotate-key         start signing with a new key (the old one stays published until its tokens expire)
  console-link       print a one-time console sign-in link (ten minutes, one use)
  admin-key          break glass: register a new all-permission service client and print its access key once`;

/** The environment, parsed once for the command that runs (with the command's rules) and read through typed groups. */
const config = () => CommandConfig.fromEnvironment(process.env);

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate: () => migrateCommand(config()),
  'migration-check': () => migrationCheckCommand(config()),
  'embedded-db': embeddedDbCommand,
  token: (args) => tokenCommand(config(), args),
  // ROSTER_ACCESS_KEY is the command's input, not a service setting.
  'client-token': (args) => clientTokenCommand(config(), args, process.env.ROSTER_ACCESS_KEY),
  openapi: openapiCommand,
  sql: sqlCommand,
  'rotate-key': () => rotateKeyCommand(config()),
  'console-link': () => consoleLinkCommand(config()),
  'admin-key': () => adminKeyCommand(config()),
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
