import { ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { AppError, ErrorCode } from '../errors/app-error';

/** The first failure as `path.to.field: message`, so the caller knows which field to fix. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return message.startsWith(error.property) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`;
    const nested = describeValidationErrors(error.children ?? [], path);
    if (nested) return nested;
  }
  return 'The request is not valid.';
}

/**
 * Strict pipe (management API): unknown keys are 400. `tolerant` (Pieces API) silently drops
 * unknown and read-only keys, because the published clients send whole models back.
 */
export function createValidationPipe(mode: 'strict' | 'tolerant' = 'strict'): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: mode === 'strict',
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new AppError(ErrorCode.ValidationError, describeValidationErrors(errors)),
  });
}
