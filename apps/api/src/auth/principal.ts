import { holds, Permission } from './permissions';

interface BasePrincipal {
  permissions: readonly string[];
  /** Unix seconds: when the credential expires. */
  expiresAt: number;
}

/** An end user signed in with a verified token. `userId` is absent while the identity has no profile. */
export interface UserPrincipal extends BasePrincipal {
  kind: 'user';
  issuer: string;
  subject: string;
  userId?: string;
  /** The Authress-style userId of that user (users.user_id): events name users by it. */
  publicUserId?: string;
  sessionId?: string;
  tokenHash: string;
  claims: Record<string, unknown>;
}

export interface ClientPrincipal extends BasePrincipal {
  kind: 'client';
  clientId: string;
  keyId: string;
}

/** An operator in a console session (a one-time sign-in link, or the console's OIDC provider). */
export interface ConsolePrincipal extends BasePrincipal {
  kind: 'console';
  sessionId: string;
  /** `link`, or `<issuer>|<subject>` for an OIDC sign-in. */
  operator: string;
}

export type Principal = UserPrincipal | ClientPrincipal | ConsolePrincipal;

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return principal !== undefined && holds(principal.permissions, permission);
}
