import 'reflect-metadata';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

// Each setting is one composite decorator, so the type check is always registered (and reported) before the
// range or pattern: `OIDC_JWKS_COOLDOWN_MS=abc` says "must be a number", never "must be at least 0".

type Value = { value: unknown };
const emptyToUndefined = ({ value }: Value) => (value === '' ? undefined : value);
const toInteger = ({ value }: Value) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const toBoolean = ({ value }: Value) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export interface IntRange {
  min: number;
  max?: number;
  /** The max is a technical limit, not part of the setting's meaning: reported on its own ("at most"). */
  ceiling?: boolean;
}

/** The longest delay Node.js timers take; a longer one fires after 1 ms instead. */
export const LONGEST_TIMER_MS = 2_147_483_647;

const RANGES = Symbol('integer setting ranges');

/** An integer within `range`; the message names the whole range ("between 1 and 65535") or its floor ("at least 1000"). */
export function IntSetting(range: IntRange): PropertyDecorator {
  const { min, max, ceiling } = range;
  const below = (name: string) => (max === undefined || ceiling ? `${name} must be at least ${min}` : `${name} must be between ${min} and ${max}`);
  const above = (name: string) => (ceiling ? `${name} must be at most ${max}` : `${name} must be between ${min} and ${max}`);
  const remember: PropertyDecorator = (target, property) => Reflect.defineMetadata(RANGES, { ...intRanges(target.constructor), [property]: range }, target.constructor);
  return applyDecorators(
    remember,
    Transform(toInteger),
    IsInt({ message: ({ property }) => `${property} must be a number` }),
    Min(min, { message: ({ property }) => below(property) }),
    ...(max === undefined ? [] : [Max(max, { message: ({ property }: { property: string }) => above(property) })]),
  );
}

/** Milliseconds from `min`, up to what a timer can wait (`max` lower still when a timer waits longer than the setting). */
export function DurationSetting({ min, max = LONGEST_TIMER_MS }: { min: number; max?: number }): PropertyDecorator {
  return IntSetting({ min, max, ceiling: true });
}

/** The ranges of a schema's integer settings, by name. */
export function intRanges(schema: object): Record<string, IntRange> {
  return Reflect.getMetadata(RANGES, schema) ?? {};
}

/** `true`/`1` or `false`/`0`. */
/** `optional`: empty means unset, and the setting's default is decided by AppConfig from other settings. */
export function BooleanSetting(options: { optional?: boolean } = {}): PropertyDecorator {
  const presence = options.optional ? [Transform(emptyToUndefined), IsOptional()] : [];
  return applyDecorators(...presence, Transform(toBoolean), IsBoolean({ message: ({ property }) => `${property} must be true or false` }));
}

/** Text matching `pattern` (lists and URLs are patterns too); `rule` completes the message ("must look like 100kb"); `optional`: empty means unset. */
export function PatternSetting(pattern: RegExp, rule: string, options: { optional?: boolean } = {}): PropertyDecorator {
  const message = ({ property }: { property: string }) => `${property} ${rule}`;
  const presence = options.optional ? [Transform(emptyToUndefined), IsOptional()] : [];
  return applyDecorators(...presence, IsString({ message }), Matches(pattern, { message }));
}

/** Non-empty text of at least `minLength` characters; `optional`: empty means unset. */
export function TextSetting(minLength: number, options: { optional?: boolean } = {}): PropertyDecorator {
  const message = ({ property }: { property: string }) => (minLength === 1 ? `${property} must not be empty` : `${property} must be at least ${minLength} characters`);
  const presence = options.optional ? [Transform(emptyToUndefined), IsOptional()] : [];
  return applyDecorators(...presence, IsString({ message }), MinLength(minLength, { message }));
}

/** One of `values`. */
export function OneOfSetting(values: readonly string[]): PropertyDecorator {
  return applyDecorators(IsIn([...values], { message: ({ property }) => `${property} must be one of ${values.join(', ')}` }));
}
