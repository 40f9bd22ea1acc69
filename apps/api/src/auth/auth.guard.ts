import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { AppError, ErrorCode } from '../errors/app-error';
import { Access, ACCESS } from './access.decorators';
import { credentialFrom } from './bearer';
import { holds } from './permissions';
import { Principal } from './principal';
import { TokenVerifier } from './token-verifier.service';
import { unauthorized } from './unauthorized';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard: verifies any credential sent (401 when it fails, on every route), then applies the route's access.
 * A route's access is looked up once per handler; a caller without a credential is answered without a promise.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly accessOf = new WeakMap<object, Access | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    // getArgByIndex, not switchToHttp(), which assigns three new closures to the context on every call.
    const request = context.getArgByIndex<AuthenticatedRequest>(0);
    const access = this.routeAccess(context);
    // Deny by default: a route that forgot to declare its access is served to nobody.
    if (!access) throw new AppError(ErrorCode.Forbidden, 'This route declares no access rule.');
    const credential = credentialFrom(request.headers.authorization);
    if (credential === undefined) return admit(access, request);
    return this.verifier.verifyBearer(credential).then((principal) => {
      request.principal = principal;
      return admit(access, request);
    });
  }

  private routeAccess(context: ExecutionContext): Access | null {
    const handler = context.getHandler();
    let access = this.accessOf.get(handler);
    if (access === undefined) {
      access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [handler, context.getClass()]) ?? null;
      this.accessOf.set(handler, access);
    }
    return access;
  }
}

function admit(access: Access, request: AuthenticatedRequest): boolean {
  if (access.kind === 'public') return true;
  if (access.kind === 'sign-in-first' && !request.principal) throw new AppError(ErrorCode.NetworkAuthenticationRequired, 'Sign in first.');
  if (!request.principal) throw unauthorized('missing');
  if (access.kind === 'permission' && !holds(request.principal.permissions, access.permission)) {
    throw new AppError(ErrorCode.Forbidden, `The caller does not have the ${access.permission} permission.`);
  }
  return true;
}
