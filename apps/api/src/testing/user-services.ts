import { Notifier } from '../database/notifier';
import { RevocationEpochRepository } from '../auth/revocation-epoch.repository';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { UserPrincipal } from '../auth/principal';
import { SessionsRepository } from '../auth/sessions.repository';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { SignInService } from '../users/sign-in.service';
import { UsersRepository } from '../users/users.repository';
import { eventsRecorderOn } from './events';
import { DEFAULT_ISSUER } from './factories';
import { ServiceDatabase } from './service-database';
import { testConfig } from './test-config';

/** The users area's repositories and shared services on a spec's database, wired as the modules wire them. */
export function userServicesOn(db: ServiceDatabase) {
  const config = testConfig();
  const statements = new StatementRunner(db.dataSource, config);
  const notifier = new Notifier(statements);
  const users = new UsersRepository(statements, notifier);
  const sessions = new SessionsRepository(statements);
  const transactions = new TransactionRunner(db.dataSource);
  const epoch = new RevocationEpoch(new RevocationEpochRepository(statements));
  const events = new ProfileEvents(notifier, config);
  const recorder = eventsRecorderOn(statements);
  return { statements, notifier, users, sessions, transactions, epoch, events, recorder, signIns: new SignInService(transactions, users, sessions, epoch, events, recorder) };
}

export const principalOf = (subject: string, claims: Record<string, unknown> = {}): UserPrincipal => ({
  kind: 'user', issuer: DEFAULT_ISSUER, subject, tokenHash: `hash-of-${subject}`, claims: { sub: subject, ...claims }, permissions: [], expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

