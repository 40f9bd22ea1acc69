import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { CurrentUserService } from './current-user.service';
import { UserController } from './user.controller';

@Module({
  imports: [UsersModule],
  controllers: [UserController],
  providers: [CurrentUserService],
})
export class UserModule {}
