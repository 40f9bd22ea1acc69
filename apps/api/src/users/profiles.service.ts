import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserProfile } from '@roster/dto';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { deriveKey } from '../crypto/secret-box';
import { CursorCodec } from '../pagination/cursor';
import { IdentityEntity } from './identity.entity';
import { toUserProfile } from './to-user-profile';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export interface ProfilePage {
  profiles: UserProfile[];
  next?: string;
}

/** Pieces-shaped reads: one profile with its providers, or a bounded page of them. */
@Injectable()
export class ProfilesService {
  private readonly cursors: CursorCodec;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    config: AppConfig,
  ) {
    this.cursors = new CursorCodec(deriveKey(config.secretKey, 'cursor'));
  }

  async profileOf(user: UserEntity): Promise<UserProfile> {
    return toUserProfile(user, await this.users.identitiesOf(user.id));
  }

  /** Keyset page in id order (stable: rows present when a walk starts are each seen once). */
  async page(limit: number, cursor?: string): Promise<ProfilePage> {
    const after = cursor ? this.cursors.decode(cursor, 'users')[0] : undefined;
    const rows = await this.dataSource.getRepository(UserEntity).find({
      where: { deletingAt: IsNull(), ...(after ? { id: MoreThan(after) } : {}) },
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const identities = page.length ? await this.dataSource.getRepository(IdentityEntity).find({ where: { userId: In(page.map((user) => user.id)) }, order: { createdAt: 'ASC' } }) : [];
    return {
      profiles: page.map((user) => toUserProfile(user, identities.filter((identity) => identity.userId === user.id))),
      next: rows.length > limit ? this.cursors.encode([page[page.length - 1].id], 'users') : undefined,
    };
  }
}
