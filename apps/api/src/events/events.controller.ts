import { applyDecorators, Controller, Get, Header, Query, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EventCollection, ListEventsQuery } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { EventsService } from './events.service';

/** As the users API: JSON whose `links` hold absolute URLs. Errors stay application/json. */
const LINKS_JSON = 'application/links+json';
const ApiLinksJson = (type: Type) =>
  applyDecorators(ApiExtraModels(type), ApiResponse({ status: 200, description: '', content: { [LINKS_JSON]: { schema: { $ref: getSchemaPath(type) } } } }));

/** The audit log and change feed. The live feed is the WebSocket at /v1/events/stream. */
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Newest first in keyset pages (`links.next`), or with `after` oldest first from that event, for consumers that poll. */
  @Get()
  @RequirePermission('events:read')
  @ApiErrors(ErrorCode.BadRequest, ErrorCode.NotFound)
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(EventCollection)
  getEvents(@Query() query: ListEventsQuery): Promise<EventCollection> {
    return this.events.list(query);
  }
}
