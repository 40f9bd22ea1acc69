import { CreateUsers1732300000000 } from './1732300000000-create-users';
import { CreateAuth1732400000000 } from './1732400000000-create-auth';
import { CreateTenants1732600000000 } from './1732600000000-create-tenants';
import { CreateDeletedIdentities1732700000000 } from './1732700000000-create-deleted-identities';
import { ClientLifecycle1733100000000 } from './1733100000000-client-lifecycle';

/** Every migration, in order. Listed explicitly so the same code runs from src and from dist. */
export const migrations = [CreateUsers1732300000000, CreateAuth1732400000000, CreateTenants1732600000000, CreateDeletedIdentities1732700000000, ClientLifecycle1733100000000];
