import { parseArgs } from 'node:util';
import { CommandConfig } from './command-config';
import { parseTtl } from './ttl';
import { withOwnIssuer } from './with-own-issuer';
import { OWN_CLIENT_ID } from '../auth/token-verifier.service';
import { isPermission, permissionsFromClaim } from '../auth/permissions';

/**
 * `token --sub alice [--email e] [--name n] [--permissions users:read,...] [--ttl 1h] [--sid s] [--id-token]`
 * prints a token signed by Roster's own issuer (run with the same environment as the service).
 */
export async function tokenCommand(config: CommandConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sub: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      permissions: { type: 'string', default: '' },
      ttl: { type: 'string', default: '1h' },
      sid: { type: 'string' },
      'id-token': { type: 'boolean', default: false },
    },
  });
  if (!values.sub) throw new Error('token needs --sub');
  const seconds = parseTtl(values.ttl ?? '');
  const requested = (values.permissions ?? '').split(',').filter(Boolean);
  const bad = requested.find((permission) => !isPermission(permission) || !permissionsFromClaim([permission]).length);
  if (bad) throw new Error(`--permissions: ${bad} cannot be granted to an end user`);

  const claims = {
    sub: values.sub,
    ...(values.email ? { email: values.email, email_verified: true } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.sid ? { sid: values.sid } : {}),
    ...(requested.length ? { permissions: requested } : {}),
  };
  const audience = values['id-token'] ? OWN_CLIENT_ID : config.auth.oidcAudience;
  const token = await withOwnIssuer(config, (issuer) => issuer.sign(claims, seconds, audience));
  process.stdout.write(`${token}\n`);
}
