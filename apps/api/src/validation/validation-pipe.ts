import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { TOLERANT_BODY } from '@roster/dto';
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

/** Validates each body with the strict pipe, or the tolerant one when its class is marked @TolerantBody(). */
@Injectable()
export class BodyValidationPipe implements PipeTransform {
  private readonly strict = createValidationPipe('strict');
  private readonly tolerant = createValidationPipe('tolerant');

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const tolerant = metadata.type === 'body' && metadata.metatype !== undefined && Reflect.getMetadata(TOLERANT_BODY, metadata.metatype) === true;
    if (!tolerant) return this.strict.transform(value, metadata);
    // The Pieces client posts optional bodies as nothing at all.
    if (value === undefined) value = {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new AppError(ErrorCode.ValidationError, 'The request body must be a JSON object.');
    return this.tolerant.transform(value, metadata);
  }
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
