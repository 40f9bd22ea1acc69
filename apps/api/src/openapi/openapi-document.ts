import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OperationObject, ParameterObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorBody } from '@roster/dto';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
const INVALID = errorResponse('The request is not valid: a parameter, header or the body breaks a rule the title names.');
const TOO_LARGE = errorResponse('The body is larger than the configured limit.');
const NOT_JSON = errorResponse('The body is not JSON: send it with `Content-Type: application/json`.');
const RATE_LIMITED = errorResponse('Rate limited (RATE_LIMIT_PER_IP / RATE_LIMIT_PER_TOKEN): retry after `Retry-After` seconds.');
const UNAVAILABLE = errorResponse('The database does not answer: retry after `Retry-After` seconds.');
/** Probes and scrapers: never rate limited, and they report an outage themselves. */
const OPERATIONAL_TAGS = ['Health', 'Metrics'];
const OTHER = errorResponse('Any other error, e.g. 500: `{title, errorCode, errorId}`; `errorId` is the request id in the logs.');

/**
 * The OpenAPI document, from the code: schemas come from the DTO classes (the @nestjs/swagger compiler
 * plugin reads their types and class-validator rules at build time), operationIds are the controller
 * method names, so generated clients get the same method names as the published Pieces and Authress ones.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Roster')
    .setDescription('Users, profiles, sign-in and an admin API: the Pieces OS users API and the Authress users API.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token, a service-client token, or a Roster token' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method, extraModels: [ErrorBody] });
  for (const path of Object.values(document.paths)) {
    for (const value of Object.values(path)) {
      if (!value || typeof value !== 'object' || !('responses' in value)) continue;
      const operation = value as OperationObject;
      operation.security = [{ bearer: [] }, {}];
      // Statuses every route of a kind can answer; route-specific ones come from @ApiErrors.
      const query = (operation.parameters ?? []).some((parameter) => (parameter as ParameterObject).in === 'query');
      if (query || operation.requestBody) operation.responses['400'] ??= INVALID;
      if (operation.requestBody) operation.responses['413'] ??= TOO_LARGE;
      if (operation.requestBody) operation.responses['415'] ??= NOT_JSON;
      if (!operation.tags?.some((tag) => OPERATIONAL_TAGS.includes(tag))) {
        operation.responses['429'] ??= RATE_LIMITED;
        operation.responses['503'] ??= UNAVAILABLE;
      }
      operation.responses.default = OTHER;
    }
  }
  return sortKeys(document) as OpenAPIObject;
}

/** Stable key order, so regenerating the committed document changes nothing unless the API changed. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}
