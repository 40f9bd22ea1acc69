import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';
import { TolerantBody } from '../tolerant-body';

/** An identity listed in an Auth0User body: stored as display data only (never its access_token). */
export class Auth0Identity {
  @IsOptional() @IsString() @MaxLength(128)
  connection?: string;

  @IsOptional() @IsBoolean()
  isSocial?: boolean;

  @IsOptional() @IsString() @MaxLength(128)
  provider?: string;

  @IsOptional() @IsString() @MaxLength(256)
  user_id?: string;
}

/** Pieces `Auth0User` (select body). email and the sign-in identity come from the token, never from here. */
@TolerantBody()
export class Auth0User {
  @IsOptional() @IsString() @MaxLength(256)
  user_id?: string;

  @IsOptional() @IsString() @Length(1, 128)
  name?: string;

  @IsOptional() @IsString() @Length(1, 64)
  nickname?: string;

  @IsOptional() @IsString() @MaxLength(2048) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'picture must be an http(s) URL' })
  picture?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => Auth0Identity)
  identities?: Auth0Identity[];
}
