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

  /** The origin used for absolute URLs: PUBLIC_URL, else the address we listen on. Never a request's Host. */
  get publicUrl(): string {
    const host = this.env.HOST === '0.0.0.0' || this.env.HOST === '::' ? 'localhost' : this.env.HOST;
    return (this.env.PUBLIC_URL ?? `http://${host}:${this.env.PORT}`).replace(/\/+$/, '');
  }
}
