import { Global, Module } from '@nestjs/common';
import { EventFeed } from './event-feed.service';
import { EventsRecorder } from './events.recorder';
import { EventsRepository } from './events.repository';

/** The outbox: recording events in the changes' transactions, and reading them back for followers. */
@Global()
@Module({ providers: [EventsRepository, EventsRecorder, EventFeed], exports: [EventsRepository, EventsRecorder, EventFeed] })
export class EventsModule {}
