import type { components } from '../generated/schema.js';

export type ErrorBody = components['schemas']['ErrorBody'];

/** Any non-2xx answer: the status, the service's error body (when it sent one) and the raw response. */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  readonly status: number;

  constructor(
    readonly response: Response,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.title ? `${response.status} ${body.errorCode}: ${body.title}` : `Response returned an error code (${response.status})`);
    this.status = response.status;
  }
}
