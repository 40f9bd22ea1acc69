import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** POST /v1/console/sessions body: a one-time sign-in code, or an ID token from the console's OIDC provider. */
export class CreateConsoleSessionRequest {
  /** The `code` of a sign-in link (`/console/#code=…`), printed at start or by `npm run -s cli -- console-link`. */
  @IsOptional() @IsString() @Length(1, 128) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be base64url' })
  code?: string;

  /** An ID token of CONSOLE_OIDC_ISSUER for CONSOLE_OIDC_CLIENT_ID (authorization code with PKCE in the console). */
  @IsOptional() @IsString() @Length(1, 16384)
  idToken?: string;
}

/** A console session: a short-lived bearer token (at most 8 hours) that sign-out ends on every replica. */
export class ConsoleSession {
  sessionId: string;
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  /** What the session may do: `*` for a sign-in link, the mapped claim's permissions for OIDC (never `*` or clients:write). */
  permissions: string[];
  /** Who signed in: `link`, or `<issuer>|<subject>`. */
  operator: string;
}

/** The console's OIDC provider, when one is configured. */
export class ConsoleOidcConfiguration {
  issuer: string;
  clientId: string;
}

/** GET /v1/console/configuration: how the console signs in. */
export class ConsoleConfiguration {
  oidc?: ConsoleOidcConfiguration;
}
