import { Injectable } from '@nestjs/common';
import { UserProfile } from '@roster/dto';
import { AppConfig } from '../config/app-config';
import { deriveKey } from '../crypto/secret-box';
import { ListCursorCodec } from './list-cursor';
import { etagOf, toUserProfile } from './to-user-profile';
import { ProfileSource, UsersRepository } from './users.repository';

export interface ProfileWithEtag {
  profile: UserProfile;
  etag: string;
}

export interface ProfilePage {
  profiles: UserProfile[];
  next?: string;
}

/** Cursors of the Pieces snapshot are not interchangeable with the management API's. */
const PIECES_SCOPE = 'pieces:/users';

/** Pieces-shaped reads: one profile with its providers, or a bounded page of them. */
@Injectable()
export class ProfilesService {
  private readonly cursors: ListCursorCodec;

  constructor(
    private readonly users: UsersRepository,
    config: AppConfig,
  ) {
    this.cursors = new ListCursorCodec(deriveKey(config.secretKey, 'cursor'));
  }

  profileOf({ user, identities }: ProfileSource): UserProfile {
    return toUserProfile(user, identities);
  }

  withEtag(found: ProfileSource): ProfileWithEtag {
    return { profile: this.profileOf(found), etag: etagOf(found.user) };
  }

  /** The same keyset walk as the management list, in (created_at, id) order. */
  async page(limit: number, cursor?: string): Promise<ProfilePage> {
    const after = cursor ? this.cursors.decode(cursor, PIECES_SCOPE) : undefined;
    const page = await this.users.listPage({ limit, after });
    return {
      profiles: page.users.map(({ user, identities }) => toUserProfile(user, identities)),
      next: page.next && this.cursors.encode(page.next, PIECES_SCOPE),
    };
  }
}
