import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export const PERMISSION_NAMES = ['users:read', 'users:write', 'users:delete', 'tenants:read', 'tenants:write', 'clients:write', 'events:read', 'webhooks:read', 'webhooks:write', '*'] as const;

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const PERMISSION_MESSAGE = `permissions must each be one of ${PERMISSION_NAMES.join(', ')}`;

/** POST /v1/clients body. */
export class CreateClientRequest {
  @IsString() @Length(1, 64) @Matches(NO_CONTROL, { message: 'name must not contain control characters' })
  name: string;

  /** Permissions granted to the client; the caller must hold each one itself. */
  @IsOptional() @IsArray() @ArrayMaxSize(PERMISSION_NAMES.length) @IsIn(PERMISSION_NAMES, { each: true, message: PERMISSION_MESSAGE })
  permissions?: string[];
}

/** PATCH /v1/clients/{clientId} body: the caller must hold every permission the client holds now and will hold after. */
export class UpdateClientRequest {
  @IsOptional() @IsString() @Length(1, 64) @Matches(NO_CONTROL, { message: 'name must not contain control characters' })
  name?: string;

  /** The client's new permissions, replacing the old ones. */
  @IsOptional() @IsArray() @ArrayMaxSize(PERMISSION_NAMES.length) @IsIn(PERMISSION_NAMES, { each: true, message: PERMISSION_MESSAGE })
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

/** One access key of a client: its public facts, never the key itself. */
export class ClientKey {
  keyId: string;
  createdTime: string;
  /** Set once the key is revoked; a revoked key never works again. */
  revokedTime?: string;
  /** When a token signed with the key was last accepted (to the minute). */
  lastUsedTime?: string;
}

/** GET /v1/clients/{clientId}: the client with every key it has had. */
export class ClientWithKeys extends Client {
  keys: ClientKey[];
}

/** Returned once by POST /v1/clients/{clientId}/access-keys; the private key is never stored. */
export class ClientAccessKey {
  keyId: string;
  clientId: string;
  /** `clientId.keyId.accountId.<base64 PKCS#8 Ed25519 private key>` for the Authress SDK's ServiceClientTokenProvider. */
  accessKey: string;
  createdTime: string;
}
