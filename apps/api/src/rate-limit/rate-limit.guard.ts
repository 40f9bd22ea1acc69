import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppError, ErrorCode } from '../errors/app-error';

/** 429 in the error body, with a plain Retry-After (the stock guard names it Retry-After-<throttler>). */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(ErrorCode.TooManyRequests, 'Too many requests; try again after Retry-After seconds.', { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw tooManyRequests(detail.timeToBlockExpire);
  }
}
