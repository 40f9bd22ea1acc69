import { HttpException } from '@nestjs/common';
import { databaseUnavailable, invalidInput } from '../database/postgres-errors';
import { AppError, codeForStatus, ErrorCode } from './app-error';

export interface ErrorResponse {
  status: number;
  code: ErrorCode;
  title: string;
  headers: Record<string, string>;
  /** True when the failure is ours, not the caller's: logged with its stack. */
  unexpected: boolean;
}

const DEFAULT_TITLES: Partial<Record<number, string>> = {
  400: 'The request is not valid.',
  401: 'Unauthorized. A credential is required, or the one sent did not verify.',
  403: 'The caller does not have permission for this operation.',
  404: 'The resource does not exist.',
  413: 'The request body is too large.',
};

function httpTitle(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message) && message.length > 0) return String(message[0]);
  if (typeof message === 'string' && exception.getStatus() !== 404) return message;
  return DEFAULT_TITLES[exception.getStatus()] ?? exception.message;
}

/** Maps anything thrown to a status, a code and a safe title. Never exposes SQL or stacks. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof AppError) {
    return { status: exception.status, code: exception.code, title: exception.title, headers: exception.headers, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, code: codeForStatus(status), title: httpTitle(exception), headers: {}, unexpected: status >= 500 };
  }
  const error = exception as { status?: number; statusCode?: number; type?: string; expose?: boolean; code?: string; message?: string };
  // Client errors of body-parser and Express (http-errors: a 4xx status, `expose`), including those without a
  // type, such as a body that is not the gzip its Content-Encoding says.
  const status = error?.status ?? error?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && (typeof error.type === 'string' || error.expose === true)) {
    const title = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : (DEFAULT_TITLES[status] ?? 'The request body cannot be read.');
    return { status, code: codeForStatus(status), title, headers: {}, unexpected: false };
  }
  // The caller's mistake (a NUL in a path, say, which only PostgreSQL refuses): a 400, logged as one.
  if (invalidInput(error)) {
    return { status: 400, code: ErrorCode.BadRequest, title: 'The request holds a value that cannot be stored (for example a NUL character).', headers: {}, unexpected: false };
  }
  if (databaseUnavailable(error)) {
    return { status: 503, code: ErrorCode.ServiceUnavailable, title: 'The database is unavailable; try again shortly.', headers: { 'Retry-After': '1' }, unexpected: true };
  }
  return { status: 500, code: ErrorCode.InternalError, title: 'Something went wrong on our side.', headers: {}, unexpected: true };
}
