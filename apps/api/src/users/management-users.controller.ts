import { Controller, Delete, Get, Header, HttpCode, Param, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { ListUsersQuery, UserIdentity, UserIdentityCollection } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ManagementUsersService } from './management-users.service';
import { ApiLinksJson, LINKS_JSON } from './links-json';
import { UserAdminService } from './user-admin.service';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';


/** The Authress-compatible users API. */
@Controller('v1/users')
export class ManagementUsersController {
  constructor(
    private readonly users: ManagementUsersService,
    private readonly admin: UserAdminService,
  ) {}

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
  @ApiLinksJson(UserIdentity, { etag: true })
  async getUser(@Param('userId') userId: string, @Res({ passthrough: true }) res: Response): Promise<UserIdentity> {
    const { user, etag } = await this.admin.get(userId);
    res.setHeader('ETag', etag);
    return user;
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
