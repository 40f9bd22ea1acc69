import { Environment } from './environment';

/** Validated configuration plus what start-up resolved (database URL, secret). Injected everywhere by class. */
export class AppConfig {
  constructor(
    readonly env: Environment,
    readonly databaseUrl: string,
    readonly secretKey: string,
    readonly embedded: boolean,
  ) {}

  get corsOrigins(): string[] {
    return this.env.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean);
  }

  get trustedIssuers(): string[] {
    return split(this.env.OIDC_ISSUERS, ',').map((issuer) => issuer.replace(/\/+$/, ''));
  }

  get clientIds(): string[] {
    return split(this.env.OIDC_CLIENT_IDS, ',');
  }

  /** issuer → claim that carries end-user permissions (explicit configuration only). */
  get permissionClaims(): Map<string, string> {
    return new Map(split(this.env.OIDC_PERMISSIONS_CLAIMS, ' ').map((pair) => {
      const at = pair.lastIndexOf('=');
      return [pair.slice(0, at).replace(/\/+$/, ''), pair.slice(at + 1)] as [string, string];
    }));
  }

  /** `aud` of service-client tokens. */
  get serviceClientAudience(): string {
    return `${this.env.ROSTER_ACCOUNT_ID}.accounts.authress.io`;
  }

  /** The origin used for absolute URLs: PUBLIC_URL, else the address we listen on. Never a request's Host. */
  get publicUrl(): string {
    const host = this.env.HOST === '0.0.0.0' || this.env.HOST === '::' ? 'localhost' : this.env.HOST;
    return (this.env.PUBLIC_URL ?? `http://${host}:${this.env.PORT}`).replace(/\/+$/, '');
  }
}

function split(list: string, separator: string): string[] {
  return list.split(separator).map((item) => item.trim()).filter(Boolean);
}
