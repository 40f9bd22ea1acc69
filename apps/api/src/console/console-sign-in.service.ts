import { Injectable } from '@nestjs/common';
import { ConsoleConfiguration, ConsoleSession, CreateConsoleSessionRequest } from '@roster/dto';
import { jwtVerify } from 'jose';
import { OidcDiscovery } from '../auth/oidc-discovery';
import { permissionsFromClaim } from '../auth/permissions';
import { ConsolePrincipal } from '../auth/principal';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { CLOCK_SKEW_SECONDS } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { actorOf } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { ConsoleTokens } from './console-token';
import { hashOfSignInCode, newSignInCode, SIGN_IN_CODE_TTL_SECONDS, signInLink } from './sign-in-code';

const refused = (title: string) => new AppError(ErrorCode.Unauthorized, title);

/** Console sign-in: one-time links (local use, first run) and the operator's OIDC provider (production). */
@Injectable()
export class ConsoleSignInService {
  private readonly tokens: ConsoleTokens;

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: ConsoleSessionsRepository,
    private readonly transactions: TransactionRunner,
    private readonly epoch: RevocationEpoch,
    private readonly discovery: OidcDiscovery,
    private readonly events: EventsRecorder,
  ) {
    this.tokens = new ConsoleTokens(config.secretKey);
  }

  configuration(): ConsoleConfiguration {
    const { oidcIssuer, oidcClientId } = this.config.console;
    return oidcIssuer && oidcClientId ? { oidc: { issuer: oidcIssuer, clientId: oidcClientId } } : {};
  }

  /** A fresh one-time link; only the code's hash is stored. */
  async newLink(): Promise<string> {
    const { code, hash } = newSignInCode();
    await this.sessions.insertCode(hash, SIGN_IN_CODE_TTL_SECONDS);
    return signInLink(this.config.http.publicUrl, code);
  }

  async signIn(body: CreateConsoleSessionRequest, requestId: string | null): Promise<ConsoleSession> {
    // A null passes @IsOptional(): it counts as absent, as a field left out.
    const code = body.code ?? undefined;
    const idToken = body.idToken ?? undefined;
    if ((code === undefined) === (idToken === undefined)) throw new AppError(ErrorCode.ValidationError, 'Send exactly one of code and idToken.');
    const who = code !== undefined ? { method: 'link', operator: 'link', permissions: ['*'] } : await this.fromIdToken(idToken!);
    const ttlSeconds = Math.floor(this.config.console.sessionTtlMs / 1000);
    return this.transactions.run(async (unit) => {
      if (code !== undefined && !(await this.sessions.useCode(hashOfSignInCode(code), unit))) throw refused('Unauthorized. The sign-in link is unknown, used or expired: get a fresh one with `npm run -s cli -- console-link`.');
      const session = await this.sessions.insertSession({ ...who, ttlSeconds }, unit);
      const actor = actorOf({ kind: 'console', sessionId: session.id, operator: who.operator, permissions: who.permissions, expiresAt: session.expiresAt });
      await this.events.record(unit, { type: 'console.signed_in', actor, requestId, data: { sessionId: session.id, method: who.method, permissions: who.permissions } });
      return {
        sessionId: session.id,
        token: await this.tokens.sign(session.id, session.expiresAt),
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
        permissions: who.permissions,
        operator: who.operator,
      };
    });
  }

  /** Ends the caller's console session; every replica refuses its token within a second (the revocation epoch). */
  async signOut(principal: ConsolePrincipal, requestId: string | null): Promise<void> {
    await this.transactions.run(async (unit: UnitOfWork) => {
      if (await this.sessions.end(principal.sessionId, unit)) {
        await this.events.record(unit, { type: 'console.signed_out', actor: actorOf(principal), requestId, data: { sessionId: principal.sessionId } });
      }
      await this.epoch.bump(unit);
    });
  }

  /** The console's OIDC provider vouches for the operator; permissions come only from the issuer's mapped claim. */
  private async fromIdToken(idToken: string): Promise<{ method: string; operator: string; permissions: string[] }> {
    const { oidcIssuer, oidcClientId } = this.config.console;
    if (!oidcIssuer || !oidcClientId) throw refused('Unauthorized. No console OIDC provider is configured (CONSOLE_OIDC_ISSUER).');
    const keys = await this.discovery.keysFor(oidcIssuer).catch(() => Promise.reject(refused("Unauthorized. The token's signature could not be verified for this API.")));
    const { payload } = await jwtVerify(idToken, keys, { issuer: [oidcIssuer, `${oidcIssuer}/`], audience: oidcClientId, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'], clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['sub', 'iat', 'exp'] })
      .catch(() => Promise.reject(refused("Unauthorized. The token's signature could not be verified for this API.")));
    const claim = this.config.auth.permissionClaims.get(oidcIssuer);
    // permissionsFromClaim drops `*` and clients:write: a claim never confers them.
    const permissions = claim ? permissionsFromClaim(payload[claim]) : [];
    if (permissions.length === 0) throw new AppError(ErrorCode.Forbidden, 'The operator holds no Roster permissions in the mapped claim (OIDC_PERMISSIONS_CLAIMS).');
    return { method: 'oidc', operator: `${oidcIssuer}|${payload.sub}`, permissions };
  }
}
