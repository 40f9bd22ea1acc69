import { AppConfig } from '../config/app-config';
import { parseEnvironment } from '../config/environment';

/** The service's settings for a spec: the defaults, overridden by `env` (variable names, as in the environment). */
export function testConfig(env: Record<string, string> = {}, databaseUrl = 'postgres://unused/unused'): AppConfig {
  return new AppConfig(parseEnvironment(env), databaseUrl, 'k'.repeat(32), false);
}
