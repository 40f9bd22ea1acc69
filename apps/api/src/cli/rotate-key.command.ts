import { CommandConfig } from './command-config';
import { withOwnIssuer } from './with-own-issuer';

export async function rotateKeyCommand(config: CommandConfig): Promise<void> {
  const kid = await withOwnIssuer(config, (issuer) => issuer.rotate());
  process.stderr.write(`now signing with key ${kid}\n`);
}
