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

/** Global guard: verifies any credential sent (401 when it fails, on every route), then applies the route's access. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    // Deny by default: a route that forgot to declare its access is served to nobody.
    if (!access) throw new AppError(ErrorCode.Forbidden, 'This route declares no access rule.');
    const credential = credentialFrom(request.headers.authorization);
    if (credential !== undefined) request.principal = await this.verifier.verifyBearer(credential);
    if (access.kind === 'public') return true;
    if (access.kind === 'sign-in-first' && !request.principal) throw new AppError(ErrorCode.NetworkAuthenticationRequired, 'Sign in first.');
    if (!request.principal) throw unauthorized('missing');
    if (access.kind === 'permission' && !holds(request.principal.permissions, access.permission)) {
      throw new AppError(ErrorCode.Forbidden, `The caller does not have the ${access.permission} permission.`);
    }
    return true;
  }
}
