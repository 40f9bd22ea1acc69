import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE } from '../paths';

export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
}

export interface Operation {
  method: string;
  /** As documented, e.g. `/v1/users/{userId}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: Schema;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/** The committed OpenAPI document: every route the service has, so a new route is fuzzed without a change here. */
export const document = JSON.parse(readFileSync(resolve(WORKSPACE, 'apps/api/openapi.json'), 'utf8')) as Document;

export const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    body: Object.values(operation.requestBody?.content ?? {})[0]?.schema,
  })),
);

/** A schema with its `$ref` (and a single allOf) followed. */
export function resolveSchema(schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) return resolveSchema(document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema?.allOf?.length === 1) return resolveSchema(schema.allOf[0]);
  return schema;
}
