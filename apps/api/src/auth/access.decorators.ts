import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Permission } from './permissions';

export const ACCESS = 'roster:access';

/** Who may call a route. Every route declares one; a test fails for any that does not. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'sign-in-first' } | { kind: 'permission'; permission: Permission };

/** Served without a credential too. A credential that is sent must still verify (401 otherwise). */
export const Public = () => applyDecorators(SetMetadata(ACCESS, { kind: 'public' } satisfies Access), ApiErrors(ErrorCode.Unauthorized));

/** Any verified caller; finer checks (self or a permission) happen in the service. */
export const Authenticated = () => applyDecorators(SetMetadata(ACCESS, { kind: 'authenticated' } satisfies Access), ApiErrors(ErrorCode.Unauthorized));

/**
 * Any verified caller; an anonymous one gets 511 (as the Pieces spec documents for beta status and vanity)
 * before its body is validated, so the answer does not depend on what it sent.
 */
export const SignInFirst = () =>
  applyDecorators(SetMetadata(ACCESS, { kind: 'sign-in-first' } satisfies Access), ApiErrors(ErrorCode.Unauthorized, ErrorCode.NetworkAuthenticationRequired));

/** A verified caller holding the permission. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(SetMetadata(ACCESS, { kind: 'permission', permission } satisfies Access), ApiErrors(ErrorCode.Unauthorized, ErrorCode.Forbidden));
