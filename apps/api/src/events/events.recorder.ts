import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { EventDraft } from './event-draft';
import { EventsRepository } from './events.repository';

/**
 * Writes an event in the transaction of the change it describes: a rollback takes the event with it, a commit
 * always has it. Followers are woken by a NOTIFY that PostgreSQL delivers on that commit.
 */
@Injectable()
export class EventsRecorder {
  constructor(private readonly events: EventsRepository) {}

  /** The new event's id. */
  record(unit: UnitOfWork, draft: EventDraft): Promise<string> {
    return this.events.insert(draft, unit);
  }
}
