import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from '@roster/dto';

const ERROR_RESPONSE = { description: 'Error: `{title, errorCode, errorId}`', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };

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
    for (const operation of Object.values(path)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      operation.security = [{ bearer: [] }, {}];
      operation.responses.default = ERROR_RESPONSE;
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
