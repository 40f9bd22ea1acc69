import { CreateUsers1732300000000 } from './1732300000000-create-users';
import { CreateAuth1732400000000 } from './1732400000000-create-auth';
import { CreateTenants1732600000000 } from './1732600000000-create-tenants';
import { CreateDeletedIdentities1732700000000 } from './1732700000000-create-deleted-identities';
import { SearchGrams1733000000000 } from './1733000000000-search-grams';
import { UserIdsFitAuthress1733010000000 } from './1733010000000-user-ids-fit-authress';
import { VerifiedEmailsOnly1733020000000 } from './1733020000000-verified-emails-only';
import { SessionExpiry1733030000000 } from './1733030000000-session-expiry';
import { ClientLifecycle1733100000000 } from './1733100000000-client-lifecycle';
import { CreateEvents1733410000000 } from './1733410000000-create-events';
import { CreateWebhooks1733420000000 } from './1733420000000-create-webhooks';
import { ConsoleSignIn1733430000000 } from './1733430000000-console-sign-in';
import { TenantListOrder1733440000000 } from './1733440000000-tenant-list-order';

/** Every migration, in order. Listed explicitly so the same code runs from src and from dist. */
export const migrations = [
  CreateUsers1732300000000,
  CreateAuth1732400000000,
  CreateTenants1732600000000,
  CreateDeletedIdentities1732700000000,
  SearchGrams1733000000000,
  UserIdsFitAuthress1733010000000,
  VerifiedEmailsOnly1733020000000,
  SessionExpiry1733030000000,
  ClientLifecycle1733100000000,
  CreateEvents1733410000000,
  CreateWebhooks1733420000000,
  ConsoleSignIn1733430000000,
  TenantListOrder1733440000000,
];
