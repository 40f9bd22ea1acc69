import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** What Authress serves its users API as: JSON whose `links` hold absolute URLs. Errors stay application/json. */
export const LINKS_JSON = 'application/links+json';

const ETAG = { ETag: { description: "The user's version, e.g. `\"3\"`: send it back as `If-Match` to edit safely.", schema: { type: 'string' } } };

export const ApiLinksJson = (type: Type, options: { etag?: boolean } = {}) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({ status: 200, description: '', ...(options.etag ? { headers: ETAG } : {}), content: { [LINKS_JSON]: { schema: { $ref: getSchemaPath(type) } } } }),
  );
