import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { TOLERANT_BODY } from '@roster/dto';
import { ValidationError } from 'class-validator';
import { AppError, ErrorCode } from '../errors/app-error';

/**
 * How basic a broken rule is: an unknown key or a missing value first, then the wrong type, then the format,
 * then the length or range. A title names the most basic failure, so `{"name":5}` is "must be a string" and
 * not "must not contain control characters" (class-validator runs a field's decorators bottom-up).
 */
const RULE_RANK: Record<string, number> = {
  whitelistValidation: 0, unknownValue: 0,
  isDefined: 1,
  isString: 2, isInt: 2, isNumber: 2, isBoolean: 2, isObject: 2, isArray: 2, nestedValidation: 2,
  matches: 3, isUrl: 3, isIn: 3,
  length: 4, minLength: 4, maxLength: 4, min: 4, max: 4, arrayMinSize: 4, arrayMaxSize: 4,
};
const UNRANKED = 3.5;

interface Failure { path: string; property: string | undefined; message: string; rank: number }

/** Every field's most basic failure, depth-first in class order. */
function failures(errors: ValidationError[], parent: string, found: Failure[]): Failure[] {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const broken = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      rule,
      message: rule === 'whitelistValidation' ? `${error.property} is not a known field` : message,
      rank: RULE_RANK[rule] ?? UNRANKED,
    }));
    if (broken.length > 0) {
      // A required field that is absent breaks its type rule too; "required" says what to do.
      const missing = error.value === undefined && !broken.some(({ rule }) => rule === 'whitelistValidation');
      const first = broken.reduce((best, next) => (next.rank < best.rank ? next : best));
      found.push(missing ? { path, property: error.property, message: `${error.property} is required`, rank: RULE_RANK.isDefined } : { path, property: error.property, ...first });
    }
    failures(error.children ?? [], path, found);
  }
  return found;
}

/** The most basic failure as `path.to.field: message`, so the caller knows which field to fix and what is wrong. */
export function describeValidationErrors(errors: ValidationError[]): string {
  const all = failures(errors, '', []);
  if (all.length === 0) return 'The request is not valid.';
  const { path, property, message } = all.reduce((best, next) => (next.rank < best.rank ? next : best));
  // forbidUnknownValues: the value is no object at all, so there is no field to name.
  if (property === undefined) return 'The request must be a JSON object.';
  return message.startsWith(property) ? `${path}${message.slice(property.length)}` : `${path}: ${message}`;
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
    // A custom decorator's value (the caller, the attribution) is ours, never the caller's input: ValidationPipe
    // returns it as it is (no validateCustomDecorators), after an async call and its checks on every request.
    if (metadata.type === 'custom') return value;
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
    exceptionFactory: (errors) => new AppError(ErrorCode.ValidationError, describeValidationErrors(errors)),
  });
}
