import { Injectable } from '@nestjs/common';
import { Overview, OverviewFigure } from '@roster/dto';
import { COUNT_CAP, Counted, EXACT_BELOW, OverviewRepository } from './overview.repository';

/** The console's first screen in a handful of bounded reads: nothing here scans a million rows. */
@Injectable()
export class OverviewService {
  constructor(private readonly overview: OverviewRepository) {}

  async get(): Promise<Overview> {
    const [users, signInsLast24Hours, tenants, clients, failingWebhooks] = await Promise.all([
      this.users(), this.capped('signIns'), this.capped('tenants'), this.capped('clients'), this.capped('failingWebhooks'),
    ]);
    return { users, signInsLast24Hours, tenants, clients, failingWebhooks };
  }

  private async users(): Promise<OverviewFigure> {
    const estimate = await this.overview.userEstimate();
    if (estimate !== undefined && estimate >= EXACT_BELOW) return { value: estimate, estimated: true };
    return this.capped('users');
  }

  private async capped(what: Counted): Promise<OverviewFigure> {
    const n = await this.overview.count(what);
    return n > COUNT_CAP ? { value: COUNT_CAP, estimated: false, atLeast: true } : { value: n, estimated: false };
  }
}
