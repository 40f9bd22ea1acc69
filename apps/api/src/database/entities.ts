import { UserEntity } from '../users/user.entity';

/** Every TypeORM entity of the service. */
export const entities = [UserEntity];
