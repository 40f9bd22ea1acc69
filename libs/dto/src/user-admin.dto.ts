import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** PATCH /v1/users/{userId} body: the fields an administrator may change; absent fields stay as they are. */
export class UpdateUserRequest {
  @IsOptional() @IsString() @Length(1, 128) @Matches(NO_CONTROL, { message: 'name must not contain control characters' })
  name?: string;

  @IsOptional() @IsString() @Length(1, 64) @Matches(NO_CONTROL, { message: 'username must not contain control characters' })
  username?: string;

  @IsOptional() @IsString() @MaxLength(2048) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'picture must be an http(s) URL' })
  picture?: string;

  /** A lowercase DNS label, unique; reserved names are refused; `""` releases it. */
  @IsOptional() @IsString() @MaxLength(63)
  vanityName?: string;
}

/** One open session of a user (a sign-in through from_token or select). */
export class UserSession {
  sessionId: string;
  /** The issuer of the token that started it. */
  issuer: string;
  createdTime: string;
  lastSeenTime: string;
  /** The latest expiry of its tokens, when known. */
  expiresTime?: string;
}

export class UserSessionCollection {
  sessions: UserSession[];
}

/** GET /v1/users/{userId}/deletion: how far the deletion that DELETE /v1/users/{userId} started has got. */
export class UserDeletion {
  /** `running`: the user is gone from every read and the job is removing their rows; `finished`: no row remains (or there never was one); `none`: the user is live. */
  status: 'none' | 'running' | 'finished';
  requestedTime?: string;
}
