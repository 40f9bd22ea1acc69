import { AppError, ErrorCode } from '../errors/app-error';

/**
 * Why a request is 401, in the only detail a caller is told: enough to act on (sign in, send a token, get a
 * fresh one), never which check failed. `invalid` covers every verification failure other than expiry
 * (signature, key, issuer, audience, timing), so a forged token learns nothing beyond "not accepted".
 */
export type CredentialFailure = 'missing' | 'malformed' | 'expired' | 'invalid' | 'revoked';

const TITLES: Record<CredentialFailure, string> = {
  missing: 'Unauthorized. This request needs a credential: send Authorization: Bearer <token>.',
  malformed: 'Unauthorized. The credential is not a well-formed JWT.',
  expired: 'Unauthorized. The token has expired.',
  invalid: "Unauthorized. The token's signature could not be verified for this API.",
  revoked: 'Unauthorized. The token has been revoked (signed out, disconnected or deleted).',
};

export const unauthorized = (failure: CredentialFailure) => new AppError(ErrorCode.Unauthorized, TITLES[failure]);
