import { Controller, Get } from '@nestjs/common';
import { Overview } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { OverviewService } from './overview.service';

/** The figures an operator sees first; labelled estimates at scale. */
@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @RequirePermission('users:read')
  getOverview(): Promise<Overview> {
    return this.overview.get();
  }
}
