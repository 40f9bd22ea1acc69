import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppError, ErrorCode } from '../errors/app-error';
import { Public } from '../auth/access.decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The process can serve requests: the database answers within a second. */
  @Get('ready')
  @ApiErrors(ErrorCode.ServiceUnavailable)
  @HealthCheck({ swaggerDocumentation: false })
  async ready() {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 1000 })]);
    } catch {
      throw new AppError(ErrorCode.ServiceUnavailable, 'Not ready: the database does not answer.', { 'Retry-After': '1' });
    }
  }
}
