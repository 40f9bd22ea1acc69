import { Module } from '@nestjs/common';
import { ConsolePruningJob } from './console-pruning.job';
import { ConsolePruningRepository } from './console-pruning.repository';
import { DeliveryPurgeJob } from './delivery-purge.job';
import { DeliveryPurgeRepository } from './delivery-purge.repository';
import { EventPurgeJob } from './event-purge.job';
import { JobQueue } from './job-queue.service';
import { JobStartLock } from './job-start-lock.repository';
import { SessionPruningRepository } from './session-pruning.repository';
import { UserDeletionRepository } from './user-deletion.repository';
import { SessionPruningJob } from './session-pruning.job';
import { UserDeletionJob } from './user-deletion.job';

/** Background jobs on pg-boss: started with the application, stopped gracefully before the database closes. */
@Module({
  providers: [JobQueue, JobStartLock, UserDeletionJob, UserDeletionRepository, SessionPruningJob, SessionPruningRepository, EventPurgeJob, DeliveryPurgeJob, DeliveryPurgeRepository, ConsolePruningJob, ConsolePruningRepository],
  exports: [UserDeletionJob],
})
export class JobsModule {}
