import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { SessionPruningJob } from './session-pruning.job';
import { UserDeletionJob } from './user-deletion.job';

/** Background jobs on pg-boss: started with the application, stopped gracefully before the database closes. */
@Module({
  providers: [JobQueue, UserDeletionJob, SessionPruningJob],
  exports: [UserDeletionJob],
})
export class JobsModule {}
