/** Stable error codes; the one place they map to HTTP statuses. */
export enum ErrorCode {
  BadRequest = 'BadRequest',
  ValidationError = 'ValidationError',
  Unauthorized = 'Unauthorized',
  Forbidden = 'Forbidden',
  NotFound = 'NotFound',
  MethodNotAllowed = 'MethodNotAllowed',
  NotAcceptable = 'NotAcceptable',
  RequestTimeout = 'RequestTimeout',
  Conflict = 'Conflict',
  PreconditionFailed = 'PreconditionFailed',
  PayloadTooLarge = 'PayloadTooLarge',
  UnsupportedMediaType = 'UnsupportedMediaType',
  TooManyRequests = 'TooManyRequests',
  RequestHeaderFieldsTooLarge = 'RequestHeaderFieldsTooLarge',
  InternalError = 'InternalError',
  ServiceUnavailable = 'ServiceUnavailable',
  NetworkAuthenticationRequired = 'NetworkAuthenticationRequired',
}

export const ERROR_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.ValidationError]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.NotAcceptable]: 406,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.RequestHeaderFieldsTooLarge]: 431,
  [ErrorCode.InternalError]: 500,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.NetworkAuthenticationRequired]: 511,
};

const CODE_FOR_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_STATUS)
    .filter(([code]) => code !== ErrorCode.ValidationError)
    .map(([code, status]) => [status, code as ErrorCode]),
);

export function codeForStatus(status: number): ErrorCode {
  return CODE_FOR_STATUS.get(status) ?? (status >= 500 ? ErrorCode.InternalError : ErrorCode.BadRequest);
}

/** A failure the caller can act on; thrown by services, turned into the error body by the filter. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
