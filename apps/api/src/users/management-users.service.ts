import { Injectable } from '@nestjs/common';
import { UserIdentity } from '@roster/dto';
import { AppError, ErrorCode } from '../errors/app-error';
import { toUserIdentity } from './to-user-identity';
import { UsersRepository } from './users.repository';

@Injectable()
export class ManagementUsersService {
  constructor(private readonly users: UsersRepository) {}

  async getUser(id: string): Promise<UserIdentity> {
    const user = await this.users.findByAnyId(id);
    if (!user) throw new AppError(ErrorCode.NotFound, 'The user does not exist.');
    return toUserIdentity(user, await this.users.identitiesOf(user.id));
  }
}
