import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from './auth.guard';

/** The verified caller, or undefined for an anonymous one (getArgByIndex: switchToHttp allocates three closures per call). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) => context.getArgByIndex<AuthenticatedRequest>(0).principal);
