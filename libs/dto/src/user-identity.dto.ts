/** A linked provider identity of a user (Authress `linkedIdentities[]`). */
export class LinkedIdentity {
  connection: { connectionId: string; userId: string };
}

/** Authress `UserIdentity`: the management API's view of a user. */
export class UserIdentity {
  userId: string;
  name?: string;
  email?: string;
  picture?: string;
  linkedIdentities?: LinkedIdentity[];
}
