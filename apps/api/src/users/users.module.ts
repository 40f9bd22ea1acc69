import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { ManagementUsersController } from './management-users.controller';
import { ManagementUsersService } from './management-users.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [JobsModule],
  controllers: [ManagementUsersController],
  providers: [UsersRepository, ManagementUsersService],
  exports: [UsersRepository],
})
export class UsersModule {}
