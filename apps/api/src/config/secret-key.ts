import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

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
