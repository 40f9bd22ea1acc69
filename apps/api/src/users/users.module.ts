import { Module } from '@nestjs/common';
import { ManagementUsersController } from './management-users.controller';
import { ManagementUsersService } from './management-users.service';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [ManagementUsersController],
  providers: [UsersRepository, ManagementUsersService],
  exports: [UsersRepository],
})
export class UsersModule {}
