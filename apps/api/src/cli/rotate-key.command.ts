import { Environment } from '../config/environment';
import { withOwnIssuer } from './with-own-issuer';

export async function rotateKeyCommand(env: Environment): Promise<void> {
  const kid = await withOwnIssuer(env, (issuer) => issuer.rotate());
  process.stderr.write(`now signing with key ${kid}\n`);
}
