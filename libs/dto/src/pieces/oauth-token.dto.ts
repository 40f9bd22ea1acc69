import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TolerantBody } from '../tolerant-body';

/** Pieces `OAuthToken` (from_token body): the ID token is verified if present, else the access token; with both, both are verified and must name the same user. */
@TolerantBody()
export class OAuthToken {
  @IsString() @MaxLength(16384)
  access_token: string;

  @IsOptional() @IsString() @MaxLength(16384)
  id_token?: string;

  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
}
