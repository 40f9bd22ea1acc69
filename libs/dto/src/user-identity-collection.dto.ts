import { UserIdentity } from './user-identity.dto';

/** An absolute URL (application/links+json). */
export class Link {
  href: string;
}

export class CollectionLinks {
  self: Link;
  /** Absent on the last page. */
  next?: Link;
}

export class PaginationNext {
  cursor: string;
}

/** `{}` on the last page. */
export class Pagination {
  next?: PaginationNext;
}

/** Authress `UserIdentityCollection`: one page of GET /v1/users. */
export class UserIdentityCollection {
  users: UserIdentity[];
  pagination: Pagination;
  links: CollectionLinks;
}
