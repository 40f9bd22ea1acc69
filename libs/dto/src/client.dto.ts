import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export const PERMISSION_NAMES = ['users:read', 'users:write', 'users:delete', 'tenants:read', 'tenants:write', 'clients:write', '*'] as const;

/** POST /v1/clients body. */
export class CreateClientRequest {
  @IsString() @Length(1, 64) @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name: string;

  /** Permissions granted to the client; the caller must hold each one itself. */
  @IsOptional() @IsArray() @ArrayMaxSize(PERMISSION_NAMES.length) @IsIn(PERMISSION_NAMES, { each: true, message: `permissions must each be one of ${PERMISSION_NAMES.join(', ')}` })
  permissions?: string[];
}

/** A service client (Authress `Client`, plus the permissions Roster grants it). */
export class Client {
  clientId: string;
  name: string;
  permissions: string[];
  createdTime: string;
}

export class ClientCollection {
  clients: Client[];
}

/** Returned once by POST /v1/clients/{clientId}/access-keys; the private key is never stored. */
export class ClientAccessKey {
  keyId: string;
  clientId: string;
  /** `clientId.keyId.accountId.<base64 PKCS#8 Ed25519 private key>` for the Authress SDK's ServiceClientTokenProvider. */
  accessKey: string;
  createdTime: string;
}
