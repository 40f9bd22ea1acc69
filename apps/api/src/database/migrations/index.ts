import { CreateUsers1732300000000 } from './1732300000000-create-users';
import { CreateAuth1732400000000 } from './1732400000000-create-auth';

/** Every migration, in order. Listed explicitly so the same code runs from src and from dist. */
export const migrations = [CreateUsers1732300000000, CreateAuth1732400000000];
