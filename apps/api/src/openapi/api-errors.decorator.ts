import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '@roster/dto';
import { ERROR_STATUS, ErrorCode } from '../errors/app-error';

const MEANING: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationError]: 'The request is not valid: a parameter, header or the body breaks a rule the title names.',
  [ErrorCode.Unauthorized]: 'A credential was sent and did not verify, or the route needs one and none was sent.',
  [ErrorCode.Forbidden]: 'The caller is known but may not do this.',
  [ErrorCode.NotFound]: 'The resource does not exist (or is being deleted).',
  [ErrorCode.Conflict]: 'The request conflicts with existing data (a name or id already taken).',
  [ErrorCode.PreconditionFailed]: '`If-Match` does not match the current `ETag`: read again and retry.',
  [ErrorCode.PayloadTooLarge]: 'The body is larger than the configured limit.',
  [ErrorCode.UnsupportedMediaType]: 'The body is not `application/json`.',
  [ErrorCode.TooManyRequests]: 'Rate limited: retry after the `Retry-After` seconds.',
  [ErrorCode.ServiceUnavailable]: 'Not ready (the database does not answer): retry after `Retry-After` seconds.',
  [ErrorCode.NetworkAuthenticationRequired]: 'Sign in first: the route needs an end user with a profile.',
};

/** Documents the error statuses a route can answer, each with the one error body. */
export const ApiErrors = (...codes: ErrorCode[]) =>
  applyDecorators(...codes.map((code) => ApiResponse({ status: ERROR_STATUS[code], description: MEANING[code] ?? code, type: ErrorBody })));
