import { applyDecorators, Controller, Delete, Get, Header, HttpCode, Param, Query, Type } from '@nestjs/common';
import { ListUsersQuery, UserIdentity, UserIdentityCollection } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ManagementUsersService } from './management-users.service';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** What Authress serves its users API as: JSON whose `links` hold absolute URLs. Errors stay application/json. */
const LINKS_JSON = 'application/links+json';
const ApiLinksJson = (type: Type) =>
  applyDecorators(ApiExtraModels(type), ApiResponse({ status: 200, description: '', content: { [LINKS_JSON]: { schema: { $ref: getSchemaPath(type) } } } }));

/** The Authress-compatible users API. */
@Controller('v1/users')
export class ManagementUsersController {
  constructor(private readonly users: ManagementUsersService) {}

  @Get()
  @RequirePermission('users:read')
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(UserIdentityCollection)
  getUsers(@Query() query: ListUsersQuery): Promise<UserIdentityCollection> {
    return this.users.getUsers(query);
  }

  @Get(':userId')
  @RequirePermission('users:read')
  @ApiErrors(ErrorCode.NotFound)
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(UserIdentity)
  getUser(@Param('userId') userId: string): Promise<UserIdentity> {
    return this.users.getUser(userId);
  }

  /** 202 at once: the user is gone from every read; a background job removes their rows. */
  @Delete(':userId')
  @RequirePermission('users:delete')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(202)
  deleteUser(@Param('userId') userId: string, @Attributed() by: Attribution): Promise<void> {
    return this.users.deleteUser(userId, by);
  }
}
