import { Injectable } from '@nestjs/common';
import { OAuthToken } from '@roster/dto';
import { decodeJwt } from 'jose';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { tokenHash } from '../auth/bearer';
import { can, Principal, UserPrincipal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier.service';
import { unauthorized } from '../auth/unauthorized';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { ProfilePage, ProfilesService, ProfileWithEtag } from './profiles.service';
import { SessionsRepository } from '../auth/sessions.repository';
import { TransactionRunner } from '../database/unit-of-work';
import { SignInService } from './sign-in.service';
import { UsersRepository, UserWithIdentities } from './users.repository';

/**
 * The latest `exp` of the tokens presented: the session keeps every one of their hashes, so its ended row must
 * outlive each. A token that does not decode can never verify and adds nothing.
 */
function latestExpiry(verified: number, tokens: string[]): number {
  const expiries = tokens.map((token) => {
    try {
      const { exp } = decodeJwt(token);
      return typeof exp === 'number' && Number.isFinite(exp) ? exp : verified;
    } catch {
      return verified;
    }
  });
  return Math.max(verified, ...expiries);
}

/** The Pieces `/users` API. */
@Injectable()
export class PiecesUsersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sessions: SessionsRepository,
    private readonly verifier: TokenVerifier,
    private readonly signIns: SignInService,
    private readonly users: UsersRepository,
    private readonly profiles: ProfilesService,
    private readonly epoch: RevocationEpoch,
    private readonly events: ProfileEvents,
    private readonly recorder: EventsRecorder,
  ) {}

  async fromToken(body: OAuthToken, requestId: string | null): Promise<ProfileWithEtag> {
    const principal = await this.signInPrincipal(body);
    const tokens = [body.access_token, body.id_token].filter((token): token is string => Boolean(token));
    const user = await this.signIns.signIn(principal, { hashes: tokens.map(tokenHash), expiresAt: latestExpiry(principal.expiresAt, tokens) }, {}, requestId);
    return this.profiles.withEtag(user);
  }

  /**
   * The ID token (client audience) if present, else the access token (API audience). With both, both must
   * verify and name the same identity: an ID token must not lend its profile to a garbage or foreign access token.
   */
  private async signInPrincipal(body: OAuthToken): Promise<UserPrincipal> {
    const access = body.access_token || !body.id_token ? await this.verifier.verifyBearer(body.access_token) : undefined;
    if (access && access.kind !== 'user') throw unauthorized('invalid');
    if (!body.id_token) return access!;
    const id = await this.verifier.verifyIdToken(body.id_token);
    if (access && (access.issuer !== id.issuer || access.subject !== id.subject)) throw unauthorized('invalid');
    return id;
  }

  async specific(caller: Principal, id: string): Promise<ProfileWithEtag> {
    const user = await this.resolve(caller, id, 'users:read');
    return this.profiles.withEtag(user);
  }

  /** Signs the user out everywhere: sessions ended, older tokens refused, caches dropped on every replica. */
  async disconnect(caller: Principal, id: string, limit: number, by: Attribution): Promise<ProfilePage> {
    const { user } = await this.resolve(caller, id, 'users:write');
    await this.transactions.run(async (work) => {
      await this.sessions.endSessions(user.id, work);
      await this.users.revokeTokens(user.id, work);
      await this.epoch.bump(work);
      this.events.publish({ userId: user.id, kind: 'auth' }, work);
      // 'disconnect' when the user signs themselves out everywhere, 'admin' when someone else does.
      const self = caller.kind === 'user' && caller.userId === user.id;
      await this.recorder.record(work, { type: 'user.signed_out', ...by, userId: user.userId, data: { reason: self ? 'disconnect' : 'admin' } });
    });
    return can(caller, 'users:read') ? this.profiles.page(limit) : { profiles: [] };
  }

  /** uuid or userId; the caller's own row, or any row with `permission`. Missing is 404. */
  private async resolve(caller: Principal, id: string, permission: 'users:read' | 'users:write'): Promise<UserWithIdentities> {
    const user = await this.users.findByAnyId(id);
    const self = user !== null && caller.kind === 'user' && caller.userId === user.user.id;
    if (!self && !can(caller, permission)) {
      if (!user && can(caller, 'users:read')) throw new AppError(ErrorCode.NotFound, 'The user does not exist.');
      throw new AppError(ErrorCode.Forbidden, `Only the user themselves or a caller with ${permission} may do this.`);
    }
    if (!user) throw new AppError(ErrorCode.NotFound, 'The user does not exist.');
    return user;
  }
}
