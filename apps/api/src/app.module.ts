import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { OverviewModule } from './overview/overview.module';
import { DatabaseModule } from './database/database.module';
import { DocsModule } from './docs/docs.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProfileEventsModule } from './profile-changes/profile-events.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { StreamModule } from './stream/stream.module';
import { UserModule } from './user/user.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource) {
    return {
      module: AppModule,
      // RateLimitModule before AuthModule: its guard runs first, so limits apply before any token is verified.
      // Routes are registered in this order and Express tries them in turn, matching each path pattern: the
      // probes and the users APIs first, the rarely called clients and tenants after them.
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config.logLevel), DatabaseModule.forRoot(dataSource), RateLimitModule.forRoot(config), MetricsModule, HealthModule, AuthModule, ProfileEventsModule, UsersModule, UserModule, DocsModule, ClientsModule, EventsModule, StreamModule, TenantsModule, WebhooksModule, ConsoleModule, OverviewModule],
    };
  }
}
