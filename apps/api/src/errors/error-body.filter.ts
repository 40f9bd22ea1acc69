import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import { ErrorBody } from '@roster/dto';
import { Request, Response } from 'express';
import { AllowedMethods } from './allowed-methods';
import { AppError, ErrorCode } from './app-error';
import { toErrorResponse } from './to-error-response';

/** The single exception filter: every error leaves as `{title, errorCode, errorId}`. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  /** `allowedMethods` turns the 404 of a path that exists under other methods into a 405. */
  constructor(private readonly allowedMethods?: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response & { err?: Error }>();
    // Nest's catch-all throws NotFoundException when no route matched (req.route unset); a handler's 404 is an AppError.
    const allowed = exception instanceof NotFoundException && !request.route && this.allowedMethods ? this.allowedMethods(request.path) : [];
    if (allowed.length === 0) return sendError(exception, request, response);
    if (request.method === 'OPTIONS') {
      response.status(204).set('Allow', allowed.join(', ')).end();
      return;
    }
    sendError(new AppError(ErrorCode.MethodNotAllowed, `${request.method} is not served here; this path answers ${allowed.join(', ')}.`, { Allow: allowed.join(', ') }), request, response);
  }
}

export function sendError(exception: unknown, request: Request & { id?: string }, response: Response & { err?: Error }): void {
  const error = toErrorResponse(exception);
  // pino-http logs `res.err` with its stack on the request's line; the body never carries it.
  if (error.unexpected) response.err = exception instanceof Error ? exception : new Error(String(exception));
  if (response.headersSent) {
    response.end();
    return;
  }
  const body: ErrorBody = { title: error.title, errorCode: error.code, errorId: String(request.id ?? '') };
  response.status(error.status).set(error.headers).type('application/json').send(JSON.stringify(body));
}
