import 'reflect-metadata';

export const TOLERANT_BODY = 'roster:tolerant-body';

/**
 * Marks a request class whose unknown and read-only keys are dropped instead of refused: the published
 * Pieces clients send whole models back. Wrongly typed editable fields are still 400.
 */
export function TolerantBody(): ClassDecorator {
  return (target) => Reflect.defineMetadata(TOLERANT_BODY, true, target);
}
