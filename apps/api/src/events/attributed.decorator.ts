import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { actorOf, Attribution } from './attribution';

type AttributedRequest = AuthenticatedRequest & { id?: string };

/** The request's id: the one in its log line and error bodies. (getArgByIndex: switchToHttp allocates three closures per call.) */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => context.getArgByIndex<AttributedRequest>(0).id ?? null);

/** The verified caller as the actor of what the route changes, with the request's id. Only on routes that need a caller. */
export const Attributed = createParamDecorator((_data: unknown, context: ExecutionContext): Attribution => {
  const request = context.getArgByIndex<AttributedRequest>(0);
  if (!request.principal) throw new Error('@Attributed() on a route that admits anonymous callers');
  return { actor: actorOf(request.principal), requestId: request.id ?? null };
});
