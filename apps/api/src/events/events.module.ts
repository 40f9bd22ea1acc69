import { Global, Module } from '@nestjs/common';
import { EventFeed } from './event-feed.service';
import { EventLogRepository } from './event-log.repository';
import { EventsController } from './events.controller';
import { EventsRecorder } from './events.recorder';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/** The outbox: recording events in the changes' transactions, and reading them back (audit log, feed, followers). */
@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsRepository, EventLogRepository, EventsRecorder, EventFeed, EventsService],
  exports: [EventsRepository, EventsRecorder, EventFeed],
})
export class EventsModule {}
