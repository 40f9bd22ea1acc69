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
  /** Roster's additions (the console shows them): the profile's username and vanity name, its tenant and times. */
  username?: string;
  vanityName?: string;
  tenantId?: string;
  createdTime?: string;
  updatedTime?: string;
}
