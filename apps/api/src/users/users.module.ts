import { Module } from '@nestjs/common';
import { SessionsRepository } from '../auth/sessions.repository';
import { JobsModule } from '../jobs/jobs.module';
import { ManagementUsersController } from './management-users.controller';
import { ManagementUsersService } from './management-users.service';
import { PiecesUsersController } from './pieces-users.controller';
import { PiecesUsersService } from './pieces-users.service';
import { ProfilesService } from './profiles.service';
import { SignInService } from './sign-in.service';
import { UserAdminController } from './user-admin.controller';
import { UserAdminRepository } from './user-admin.repository';
import { UserAdminService } from './user-admin.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [JobsModule],
  controllers: [PiecesUsersController, ManagementUsersController, UserAdminController],
  providers: [UsersRepository, UserAdminRepository, UserAdminService, SessionsRepository, ManagementUsersService, PiecesUsersService, ProfilesService, SignInService],
  exports: [UsersRepository, SessionsRepository, ProfilesService, SignInService],
})
export class UsersModule {}
