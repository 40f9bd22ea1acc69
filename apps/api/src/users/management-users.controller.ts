import { Controller, Get, Header, Param } from '@nestjs/common';
import { UserIdentity } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ManagementUsersService } from './management-users.service';

/** The Authress-compatible users API. */
@Controller('v1/users')
export class ManagementUsersController {
  constructor(private readonly users: ManagementUsersService) {}

  @Get(':userId')
  @RequirePermission('users:read')
  @Header('Content-Type', 'application/links+json')
  getUser(@Param('userId') userId: string): Promise<UserIdentity> {
    return this.users.getUser(userId);
  }
}
