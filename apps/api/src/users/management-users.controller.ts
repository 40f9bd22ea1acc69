import { Controller, Delete, Get, Header, HttpCode, Param, Query } from '@nestjs/common';
import { ListUsersQuery, UserIdentity, UserIdentityCollection } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ManagementUsersService } from './management-users.service';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** The Authress-compatible users API. */
@Controller('v1/users')
export class ManagementUsersController {
  constructor(private readonly users: ManagementUsersService) {}

  @Get()
  @RequirePermission('users:read')
  @Header('Content-Type', 'application/links+json')
  getUsers(@Query() query: ListUsersQuery): Promise<UserIdentityCollection> {
    return this.users.getUsers(query);
  }

  @Get(':userId')
  @RequirePermission('users:read')
  @ApiErrors(ErrorCode.NotFound)
  @Header('Content-Type', 'application/links+json')
  getUser(@Param('userId') userId: string): Promise<UserIdentity> {
    return this.users.getUser(userId);
  }

  /** 202 at once: the user is gone from every read; a background job removes their rows. */
  @Delete(':userId')
  @RequirePermission('users:delete')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(202)
  deleteUser(@Param('userId') userId: string): Promise<void> {
    return this.users.deleteUser(userId);
  }
}
