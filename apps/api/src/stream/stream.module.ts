import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { StreamHub } from './stream-hub.service';
import { UserStreamGateway } from './user-stream.gateway';
import { EventStreamGateway } from './event-stream.gateway';
import { EventStreamHub } from './event-stream-hub.service';

@Module({
  imports: [UsersModule],
  providers: [StreamHub, UserStreamGateway, EventStreamHub, EventStreamGateway],
})
export class StreamModule {}
