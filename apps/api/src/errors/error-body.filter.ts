import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ErrorBody } from '@roster/dto';
import { Request, Response } from 'express';
import { toErrorResponse } from './to-error-response';

/** The single exception filter: every error leaves as `{title, errorCode, errorId}`. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response & { err?: Error }>();
    sendError(exception, request, response);
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
