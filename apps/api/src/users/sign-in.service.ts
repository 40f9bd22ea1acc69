import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Auth0Identity } from '@roster/dto';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { UserPrincipal } from '../auth/principal';
import { unauthorized } from '../auth/unauthorized';
import { uniqueViolation } from '../database/postgres-errors';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { SessionsRepository } from '../auth/sessions.repository';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { userIdFor } from './authress-user-id';
import { UserEntity } from './user.entity';
import { UsersRepository, UserWithIdentities } from './users.repository';

/** Profile fields a sign-in may fill in (from the select body, else from the token's claims). */
export interface ProfileHints {
  name?: string;
  picture?: string;
  username?: string;
  displayIdentities?: Auth0Identity[];
}

/** The tokens a sign-in presented: their SHA-256 hashes, and the latest `exp` among them (Unix seconds). */
export interface PresentedTokens {
  hashes: string[];
  expiresAt: number;
}

/** The fields a sign-in may change, as user.updated names them, each as canonical JSON (jsonb reorders keys). */
const SIGN_IN_FIELDS: Record<string, (user: UserEntity) => unknown> = {
  email: (user) => [user.email, user.emailVerified],
  name: (user) => user.name,
  picture: (user) => user.picture,
  username: (user) => user.username,
  identities: (user) => user.metadata?.identities ?? null,
};
const canonical = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(canonical).join(',')}]`
  : value && typeof value === 'object' ? `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`
  : JSON.stringify(value ?? null);
const fieldsOf = (user: UserEntity) => Object.fromEntries(Object.entries(SIGN_IN_FIELDS).map(([field, read]) => [field, canonical(read(user))]));
const changedFields = (before: Record<string, string>, after: UserEntity) => {
  const now = fieldsOf(after);
  return Object.keys(SIGN_IN_FIELDS).filter((field) => before[field] !== now[field]);
};

const claim = (claims: Record<string, unknown>, name: string) => (typeof claims[name] === 'string' && claims[name] ? (claims[name] as string) : undefined);

/** The provider part of subjects such as `google-oauth2|123`. */
const providerOf = (subject: string) => (subject.includes('|') ? subject.slice(0, subject.indexOf('|')) : 'UNKNOWN');

/**
 * Creates or updates the user of a verified identity and starts a session. Only verified claims decide
 * who the user is and their email; body hints only fill in display fields.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly epoch: RevocationEpoch,
    private readonly events: ProfileEvents,
    private readonly recorder: EventsRecorder,
  ) {}

  /** `tokens` key the session when the token has no `sid`; `requestId` attributes the events (the user is their actor). */
  async signIn(principal: UserPrincipal, tokens: PresentedTokens, hints: ProfileHints = {}, requestId: string | null = null): Promise<UserWithIdentities> {
    try {
      return await this.transactions.run((work) => this.signInWith(work, principal, tokens, hints, requestId));
    } catch (error) {
      // Two first sign-ins of one identity at once: the loser finds the winner's user (the rolled-back events are gone with it).
      if (uniqueViolation(error)) return this.transactions.run((work) => this.signInWith(work, principal, tokens, hints, requestId));
      throw error;
    }
  }

  private async signInWith(work: UnitOfWork, principal: UserPrincipal, tokens: PresentedTokens, hints: ProfileHints, requestId: string | null): Promise<UserWithIdentities> {
    const claims = principal.claims;
    const identity = await this.users.findIdentity(principal.issuer, principal.subject, work);
    // Locked, so a deletion that starts meanwhile waits for this sign-in, or this sign-in sees it and stops.
    let user = identity ? await this.users.findForUpdate(identity.userId, work) : null;
    if (user?.deletingAt) throw unauthorized('revoked');
    const created = !user;
    if (!user) {
      const first = { issuer: principal.issuer, subject: principal.subject, provider: providerOf(principal.subject) };
      user = await this.users.createWithIdentity(await this.freeUserId(work, principal), first, work);
      // Cached principals of this identity carry no user yet.
      await this.epoch.bump(work);
    }
    const before = fieldsOf(user);
    // Only an address the issuer says it verified becomes the user's email; an unverified one is not kept.
    const email = claim(claims, 'email');
    if (email && (claims.email_verified === true || claims.email_verified === 'true')) {
      user.email = email;
      user.emailVerified = true;
    }
    user.name = hints.name ?? user.name ?? claim(claims, 'name') ?? null;
    user.picture = hints.picture ?? user.picture ?? claim(claims, 'picture') ?? null;
    user.username = hints.username ?? user.username ?? claim(claims, 'nickname') ?? claim(claims, 'preferred_username') ?? null;
    if (hints.displayIdentities) {
      user.metadata = { ...(user.metadata ?? {}), identities: hints.displayIdentities.map(({ connection, isSocial, provider, user_id }) => ({ connection, isSocial, provider, user_id })) };
    }
    const saved = await this.users.saveSignIn(user, work);
    await this.sessions.startOrReuse({ userId: user.id, issuer: principal.issuer, sid: claim(claims, 'sid'), tokenHashes: tokens.hashes, expiresAt: new Date(tokens.expiresAt * 1000) }, work);
    this.events.publish({ userId: user.id, kind: 'changed', version: saved.user.version }, work);
    const by: Attribution = { actor: { type: 'user', id: saved.user.userId }, requestId };
    const about = { ...by, userId: saved.user.userId };
    if (created) await this.recorder.record(work, { type: 'user.created', ...about, data: { issuer: principal.issuer, version: saved.user.version } });
    else {
      const fields = changedFields(before, saved.user);
      if (fields.length) await this.recorder.record(work, { type: 'user.updated', ...about, data: { fields, version: saved.user.version } });
    }
    await this.recorder.record(work, { type: 'user.signed_in', ...about, data: { issuer: principal.issuer } });
    return saved;
  }

  /**
   * The userId of the subject (see userIdFor), or of `<issuer host>|<subject>` when another user already holds
   * that one; should both be taken, the latter with a random suffix.
   */
  private async freeUserId(work: UnitOfWork, principal: UserPrincipal): Promise<string> {
    const candidates = [userIdFor(principal.subject), userIdFor(`${new URL(principal.issuer).host}|${principal.subject}`)];
    for (const candidate of candidates) if (!(await this.users.isUserIdTaken(candidate, work))) return candidate;
    return `${candidates[1].slice(0, 119)}~${randomBytes(4).toString('hex')}`;
  }
}
