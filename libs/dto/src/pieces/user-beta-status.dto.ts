import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { TolerantBody } from '../tolerant-body';

/** Pieces `UserBetaStatus`: `user` must be the caller's id. */
@TolerantBody()
export class UserBetaStatus {
  @IsString() @MaxLength(128)
  user: string;

  /** Auth0UserBetaStatus: `{ vision?: AnonymousTemporalRange }`. */
  @IsOptional() @IsObject()
  auth0?: Record<string, unknown>;

  @IsOptional() @IsObject()
  descope?: Record<string, unknown>;
}
