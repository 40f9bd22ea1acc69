import { AppConfig, AuthConfig, authConfig, HttpConfig, httpConfig } from '../config/app-config';
import { Environment, parseEnvironment } from '../config/environment';
import { resolveSecretKey } from '../config/secret-key';
import { DatabaseServer } from '../database/open-database';

/**
 * The settings a command reads, typed as the service reads them (AppConfig's groups), from the environment parsed
 * once with the command's rules. The secret key and the database are resolved only by the commands that use them.
 */
export class CommandConfig {
  readonly http: HttpConfig;
  readonly auth: AuthConfig;
  /** DATABASE_URL; undefined: the embedded database under dataDir. */
  readonly databaseUrl?: string;
  readonly migrateOnStart: boolean;
  readonly dataDir: string;

  constructor(private readonly env: Environment) {
    this.http = httpConfig(env);
    this.auth = authConfig(env);
    this.databaseUrl = env.DATABASE_URL;
    this.migrateOnStart = env.ROSTER_MIGRATE_ON_START;
    this.dataDir = env.ROSTER_DATA_DIR;
  }

  static fromEnvironment(env: NodeJS.ProcessEnv): CommandConfig {
    return new CommandConfig(parseEnvironment(env, 'command'));
  }

  /** The service's rule (resolveSecretKey): fails with its message when DATABASE_URL is set without ROSTER_SECRET_KEY. */
  secretKey(): Promise<string> {
    return resolveSecretKey(this.env);
  }

  /** The service's AppConfig on the database a command opened; without `secretKey`, reading one throws the rule. */
  appConfig(server: DatabaseServer, secretKey?: string): AppConfig {
    return new AppConfig(this.env, server.url, secretKey, server.embedded);
  }
}
