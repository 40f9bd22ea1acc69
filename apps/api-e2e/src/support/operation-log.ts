import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE } from './paths';

interface Operation {
  operationId: string;
  method: string;
  pattern: RegExp;
  tags: string[];
  responses: Record<string, unknown>;
}

/** The tags tools/generate-clients.mjs leaves out of the clients. */
const OPERATIONAL_TAGS = new Set(['Health', 'Metrics', 'WellKnown']);

const document = JSON.parse(readFileSync(resolve(WORKSPACE, 'apps/api/openapi.json'), 'utf8'));
const operations: Operation[] = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    ...operation,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  })),
);

export const documentedStatuses = (operationId: string): string[] => Object.keys(operations.find((op) => op.operationId === operationId)?.responses ?? {});

/** A fetch that records which OpenAPI operation each request hit and the status it got. */
export class OperationLog {
  private readonly seen: { operationId: string; status: number }[] = [];

  readonly fetch = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    const operation = operations.find((op) => op.method === request.method && op.pattern.test(path));
    this.seen.push({ operationId: operation?.operationId ?? `${request.method} ${path} (undocumented)`, status: response.status });
    return response;
  };

  calls() {
    return [...this.seen];
  }

  /** Client operations never called. */
  missingOperations(): string[] {
    const called = new Set(this.seen.map((call) => call.operationId));
    return operations.filter((op) => !op.tags.some((tag) => OPERATIONAL_TAGS.has(tag)) && !called.has(op.operationId)).map((op) => op.operationId);
  }
}
