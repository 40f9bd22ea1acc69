import { AppConfig } from '../config/app-config';
import { Environment } from '../config/environment';
import { ConsoleSessionsRepository } from '../console/console-sessions.repository';
import { newSignInCode, SIGN_IN_CODE_TTL_SECONDS, signInLink } from '../console/sign-in-code';
import { StatementRunner } from '../database/statement-runner';
import { withDatabase } from './with-database';

/** Prints a fresh one-time console sign-in link (ten minutes, one use) on stdout; database access is the credential. */
export async function consoleLinkCommand(env: Environment): Promise<void> {
  const { code, hash } = newSignInCode();
  const publicUrl = await withDatabase(env, async (dataSource, server) => {
    // Nothing here is sealed or signed: the secret key is not needed.
    const config = new AppConfig(env, server.url, '', server.embedded);
    await new ConsoleSessionsRepository(new StatementRunner(dataSource, config)).insertCode(hash, SIGN_IN_CODE_TTL_SECONDS);
    return config.http.publicUrl;
  });
  process.stdout.write(`${signInLink(publicUrl, code)}\n`);
}
