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

/** Far deeper than any of our shapes; deeper bodies are refused before anything walks them recursively. */
export const MAX_BODY_DEPTH = 32;

/** Whether objects and arrays nest deeper than `limit`. Iterative: the point is a value too deep to recurse through. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Validates each body with the strict pipe, or the tolerant one when its class is marked @TolerantBody(). */
@Injectable()
export class BodyValidationPipe implements PipeTransform {
  private readonly strict = createValidationPipe('strict');
  private readonly tolerant = createValidationPipe('tolerant');

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Nest's ValidationPipe strips prototype keys recursively: 10,000 nested objects overflowed the stack (a 500).
    if (metadata.type === 'body' && nestedDeeperThan(value, MAX_BODY_DEPTH)) throw new AppError(ErrorCode.ValidationError, `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
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
