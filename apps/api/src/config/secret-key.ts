import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SECRET_KEY_RULE } from './cross-field-rules';
import { Environment, EnvironmentError } from './environment';

/**
 * The secret key by the one rule (SECRET_KEY_RULE): ROSTER_SECRET_KEY, or with the embedded database (no
 * DATABASE_URL) the key generated once into the data directory. The service and every command that seals or
 * signs get theirs here.
 */
export async function resolveSecretKey(env: Environment): Promise<string> {
  if (env.ROSTER_SECRET_KEY !== undefined) return env.ROSTER_SECRET_KEY;
  if (SECRET_KEY_RULE.broken(env)) throw new EnvironmentError(`Invalid environment: ${SECRET_KEY_RULE.message}`);
  return localSecretKey(env.ROSTER_DATA_DIR);
}

/** Reads `dataDir/secret.key`, creating it (0600) with 32 random bytes on first use. Embedded mode only. */
export async function localSecretKey(dataDir: string): Promise<string> {
  const file = join(resolve(dataDir), 'secret.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(resolve(dataDir), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, key + '\n', { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
