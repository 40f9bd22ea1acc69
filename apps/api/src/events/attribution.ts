import { ActorType } from '@roster/dto';
import { Principal } from '../auth/principal';

/** Who made a change, as events name them: a user by their Authress-style userId, a client by its clientId, a job by its name. */
export interface Actor {
  type: ActorType;
  id: string;
}

/**
 * Who made a change and in which request: passed explicitly from the controller to the service that records
 * the change (no async context per request: the request log avoids one too, for speed).
 */
export interface Attribution {
  actor: Actor;
  /** The request's id (its log line and any error body name it); null outside a request. */
  requestId: string | null;
}

/** A user without a profile yet is named by their token's subject (it becomes their userId when they sign in). */
export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'client') return { type: 'client', id: principal.clientId };
  // A sign-in link names nobody: its session does. An OIDC operator is their issuer and subject.
  if (principal.kind === 'console') return { type: 'console', id: principal.operator === 'link' ? `link:${principal.sessionId}` : principal.operator };
  return { type: 'user', id: principal.publicUserId ?? principal.subject };
}

/** Changes Roster makes on its own: jobs and CLI commands, named by what they are. */
export function systemAttribution(name: string): Attribution {
  return { actor: { type: 'system', id: name }, requestId: null };
}
