import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { StreamHub } from './stream-hub.service';
import { UserStreamGateway } from './user-stream.gateway';

@Module({
  imports: [UsersModule],
  providers: [StreamHub, UserStreamGateway],
})
export class StreamModule {}
