import { Injectable } from '@nestjs/common';
import { Auth0User, UserBetaStatus, UserProfile } from '@roster/dto';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { Principal, UserPrincipal } from '../auth/principal';
import { SessionsRepository } from '../auth/sessions.repository';
import { TransactionRunner } from '../database/unit-of-work';
import { uniqueViolation } from '../database/postgres-errors';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { ProfilesService, ProfileWithEtag } from '../users/profiles.service';
import { SignInService } from '../users/sign-in.service';
import { ProfileChanges, UsersRepository, UserWithIdentities } from '../users/users.repository';
import { IfMatch, matchesVersion } from './if-match';
import { checkVanityName } from './vanity-name.policy';

const signInRequired = () => new AppError(ErrorCode.NetworkAuthenticationRequired, 'Sign in first.');
const noProfile = () => new AppError(ErrorCode.NotFound, 'The caller has no profile yet; sign in with /users/authenticate/from_token or /user/select.');
const stale = () => new AppError(ErrorCode.PreconditionFailed, 'The profile changed since it was read (If-Match does not match its ETag).');
/**
 * The Pieces spec's example `picture`, which the Python SDK's UserProfile fills in when built without one and
 * then sends on update_user: it never means "set my picture to this". (Its example email is ignored like any email.)
 */
export const SDK_PLACEHOLDER_PICTURE = 'https://picsum.photos/200';
/** The signed-in end user's id; none for an anonymous caller, a service client, or a user without a profile yet. */
const userIdOf = (caller: Principal | undefined) => (caller?.kind === 'user' ? caller.userId : undefined);
const notYou = () => new AppError(ErrorCode.Forbidden, 'The body names another user than the caller.');

/** The Pieces `/user` API: the current user is the caller. */
@Injectable()
export class CurrentUserService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly profiles: ProfilesService,
    private readonly signIns: SignInService,
    private readonly epoch: RevocationEpoch,
    private readonly events: ProfileEvents,
    private readonly recorder: EventsRecorder,
  ) {}

  /** The caller's profile, or undefined for an anonymous caller or one without a profile. */
  async current(caller: Principal | undefined): Promise<ProfileWithEtag | undefined> {
    const userId = userIdOf(caller);
    const found = userId ? await this.users.findProfile(userId) : null;
    return found ? this.profiles.withEtag(found) : undefined;
  }

  async required(caller: Principal | undefined): Promise<ProfileWithEtag> {
    const found = await this.current(caller);
    if (!found) throw noProfile();
    return found;
  }

  async select(caller: Principal, body: Auth0User, requestId: string | null): Promise<ProfileWithEtag> {
    if (caller.kind !== 'user') throw new AppError(ErrorCode.Forbidden, 'Only an end user can sign in.');
    if (body.user_id !== undefined && body.user_id !== caller.subject) throw new AppError(ErrorCode.Forbidden, 'user_id must be the subject of the token.');
    const user = await this.signIns.signIn(caller, { hashes: [caller.tokenHash], expiresAt: caller.expiresAt }, { name: body.name, picture: body.picture, username: body.nickname, displayIdentities: body.identities }, requestId);
    return this.profiles.withEtag(user);
  }

  /** Ends the caller's session: tokens with its sid, or this exact token, fail from now on. */
  async clear(caller: Principal, by: Attribution): Promise<void> {
    if (caller.kind !== 'user' || !caller.userId) return;
    const user: UserPrincipal = caller;
    const userId = caller.userId;
    await this.transactions.run(async (work) => {
      // The user may be deleted meanwhile; then there is no session left to end.
      if (!(await this.users.lock(userId, work))) return;
      // The ended row must outlive this token (its expiry may be later than any the session saw).
      const expiresAt = new Date(user.expiresAt * 1000);
      if (user.sessionId) await this.sessions.endSession(user.sessionId, expiresAt, work);
      else {
        const sid = typeof user.claims.sid === 'string' ? user.claims.sid : undefined;
        await this.sessions.recordEnded({ userId, issuer: user.issuer, sid, tokenHashes: [user.tokenHash], expiresAt }, work);
      }
      await this.epoch.bump(work);
      this.events.publish({ userId, kind: 'auth' }, work);
      await this.recorder.record(work, { type: 'user.signed_out', ...by, userId: user.publicUserId, data: { reason: 'clear' } });
    });
  }

  /** One statement when there is something to change: no read before the write, none after. */
  async update(caller: Principal, body: UserProfile, ifMatch: IfMatch, by: Attribution): Promise<ProfileWithEtag> {
    const changes: ProfileChanges = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.username !== undefined) changes.username = body.username;
    if (body.picture !== undefined && body.picture !== SDK_PLACEHOLDER_PICTURE) changes.picture = body.picture;
    // null is no change, as a missing key: the clients' model has no null aesthetics to set.
    if (body.aesthetics !== undefined && body.aesthetics !== null) {
      changes.aesthetics = {
        theme: body.aesthetics.theme?.dark !== undefined ? { dark: body.aesthetics.theme.dark } : {},
        font: body.aesthetics.font?.size !== undefined ? { size: body.aesthetics.font.size } : {},
      };
    }
    const userId = userIdOf(caller);
    if (userId && Object.keys(changes).length > 0 && (body.id === undefined || body.id === userId)) return this.write(userId, changes, ifMatch, by);
    // Nothing to change (or a 404/403 that ownUser throws): the profile as it is, if If-Match still holds.
    const found = await this.ownUser(caller, body.id);
    if (!matchesVersion(ifMatch, found.user.version)) throw stale();
    return this.profiles.withEtag(found);
  }

  async updateVanity(caller: Principal | undefined, body: UserProfile, by: Attribution): Promise<ProfileWithEtag> {
    if (!caller) throw signInRequired();
    const { user } = await this.ownUser(caller, body.id);
    const vanityname = body.vanityname === '' ? null : checkVanityName(body.vanityname);
    try {
      return await this.write(user.id, { vanityname }, { kind: 'any' }, by);
    } catch (error) {
      if (uniqueViolation(error)) throw new AppError(ErrorCode.Conflict, 'vanityname is taken.');
      throw error;
    }
  }

  async setBetaStatus(caller: Principal | undefined, body: UserBetaStatus, by: Attribution): Promise<UserBetaStatus> {
    if (!caller) throw signInRequired();
    const { user } = await this.ownUser(caller, undefined);
    if (body.user !== user.id && body.user !== user.userId) throw notYou();
    const beta = { ...(body.auth0 ? { auth0: { vision: body.auth0.vision } } : {}), ...(body.descope ? { descope: { vision: body.descope.vision } } : {}) };
    await this.write(user.id, { beta }, { kind: 'any' }, by);
    return { user: user.id, ...beta };
  }

  private async userOf(caller: Principal | undefined): Promise<UserWithIdentities | null> {
    const userId = userIdOf(caller);
    return userId ? this.users.findById(userId) : null;
  }

  /** The caller's row; a body `id` naming anyone else is 403. */
  private async ownUser(caller: Principal, bodyId: string | undefined): Promise<UserWithIdentities> {
    const found = await this.userOf(caller);
    if (!found) throw noProfile();
    if (bodyId !== undefined && bodyId !== found.user.id) throw notYou();
    return found;
  }

  /** One conditional UPDATE that returns the new row, records its event and notifies: with If-Match, a stale version changes nothing and is 412. */
  private async write(userId: string, changes: ProfileChanges, ifMatch: IfMatch, by: Attribution): Promise<ProfileWithEtag> {
    if (ifMatch.kind === 'never') throw stale();
    const updated = await this.users.updateProfile(userId, changes, ifMatch.kind === 'version' ? ifMatch.version : null, by);
    if (updated) return this.profiles.withEtag(updated);
    if (ifMatch.kind === 'version' && (await this.users.findById(userId))) throw stale();
    throw noProfile();
  }
}
