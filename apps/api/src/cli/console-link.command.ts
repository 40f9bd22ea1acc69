import { ConsoleSessionsRepository } from '../console/console-sessions.repository';
import { newSignInCode, SIGN_IN_CODE_TTL_SECONDS, signInLink } from '../console/sign-in-code';
import { StatementRunner } from '../database/statement-runner';
import { CommandConfig } from './command-config';
import { withDatabase } from './with-database';

/** Prints a fresh one-time console sign-in link (ten minutes, one use) on stdout; database access is the credential. */
export async function consoleLinkCommand(config: CommandConfig): Promise<void> {
  const { code, hash } = newSignInCode();
  // Nothing here is sealed or signed: the secret key is not needed.
  await withDatabase(config, (dataSource, app) => new ConsoleSessionsRepository(new StatementRunner(dataSource, app)).insertCode(hash, SIGN_IN_CODE_TTL_SECONDS));
  process.stdout.write(`${signInLink(config.http.publicUrl, code)}\n`);
}
