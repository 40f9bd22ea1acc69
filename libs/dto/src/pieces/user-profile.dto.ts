import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { TolerantBody } from '../tolerant-body';
import { Aesthetics } from './aesthetics.dto';
import { ExternalProviders } from './external-provider.dto';
import { GroupedTimestamp } from './grouped-timestamp.dto';

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/**
 * Pieces `UserProfile`. As a response: `id`, `aesthetics`, `created`, `updated`, `providers` always,
 * other fields when known. As a request body (update, vanity): only the editable fields are read.
 */
@TolerantBody()
export class UserProfile {
  /** Read-only; when sent it must be the caller's. */
  @IsOptional() @IsString() @MaxLength(128)
  id: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => Aesthetics)
  aesthetics: Aesthetics;

  @IsOptional() @IsString() @MaxLength(2048) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'picture must be an http(s) URL' })
  picture?: string;

  /** Read-only: email comes only from verified token claims. */
  email?: string;

  created?: GroupedTimestamp;
  updated?: GroupedTimestamp;

  @IsOptional() @IsString() @Length(1, 64) @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username?: string;

  @IsOptional() @IsString() @Length(1, 128) @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;

  /** Claimed through /user/update/vanity only. */
  @IsOptional() @IsString() @MaxLength(63)
  vanityname?: string;

  providers?: ExternalProviders;
}

export class Users {
  iterable: UserProfile[];
}

/** `{}` when there is no signed-in user with a profile. */
export class ReturnedUserProfile {
  user?: UserProfile;
}
