import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

const TOKEN = /^[A-Za-z0-9_.:-]+$/;

export class TenantData {
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name?: string;
}

export class TenantDomain {
  @IsString() @Length(1, 128) @Matches(/^[a-z0-9.-]+$/, { message: 'domain may contain only a-z, 0-9, . and -' })
  domain: string;
}

export class TenantConnection {
  @IsOptional() @IsString() @MaxLength(64) @Matches(TOKEN, { message: 'connectionId may contain only letters, digits, -, _, . and :' })
  connectionId?: string;
}

/** Authress `Tenant`: the POST /v1/tenants body (tenantId generated when absent) and every tenant response. */
export class Tenant {
  @IsOptional() @IsString() @MaxLength(128) @Matches(/^[A-Za-z0-9_.:-]*$/, { message: 'tenantId may contain only letters, digits, -, _, . and :' })
  tenantId?: string;

  @IsOptional() @IsString() @MaxLength(64) @Matches(TOKEN, { message: 'tenantLookupIdentifier may contain only letters, digits, -, _, . and :' })
  tenantLookupIdentifier?: string;

  @IsOptional() @ValidateNested() @Type(() => TenantData)
  data?: TenantData;

  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => TenantDomain)
  domains?: TenantDomain[];

  @IsOptional() @ValidateNested() @Type(() => TenantConnection)
  connection?: TenantConnection;

  /** Read-only: sending it is a 400 like any unknown key. */
  createdTime?: string;
}

export class TenantCollection {
  tenants: Tenant[];
}

/** Authress `TenantUser`: PATCH /v1/tenants/{tenantId}/users body. */
export class TenantUser {
  @IsString() @Length(1, 128)
  userId: string;
}
