import { Injectable } from '@nestjs/common';
import { defineStatement, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';

/** Counting at most this many rows keeps a figure cheap however busy the service is. */
export const COUNT_CAP = 100_000;
/** Below this many rows by the statistics, users are counted exactly (it is cheap, and fresh databases have no statistics). */
export const EXACT_BELOW = 50_000;

/** reltuples is -1 before the first ANALYZE. */
const userEstimate = defineStatement('overview.userEstimate', () => sql`
  SELECT greatest(reltuples, 0)::bigint AS estimate, reltuples < 0 AS unknown FROM pg_class WHERE oid = 'users'::regclass`);

const countUsers = defineStatement('overview.countUsers', () => sql`
  SELECT count(*)::bigint AS n FROM (SELECT 1 FROM users WHERE deleting_at IS NULL LIMIT 100001) capped`);

/** An index range on (type, occurred_at), stopped at the cap. */
const countSignIns = defineStatement('overview.countSignIns', () => sql`
  SELECT count(*)::bigint AS n FROM (SELECT 1 FROM events WHERE type = 'user.signed_in' AND occurred_at > now() - interval '24 hours' LIMIT 100001) capped`);

const countTenants = defineStatement('overview.countTenants', () => sql`
  SELECT count(*)::bigint AS n FROM (SELECT 1 FROM tenants LIMIT 100001) capped`);

const countClients = defineStatement('overview.countClients', () => sql`
  SELECT count(*)::bigint AS n FROM (SELECT 1 FROM service_clients WHERE deleted_at IS NULL LIMIT 100001) capped`);

/** Disabled endpoints, and enabled ones failing now (failing_since is set at the first failure and cleared by a 2xx). */
const countFailingWebhooks = defineStatement('overview.countFailingWebhooks', () => sql`
  SELECT count(*)::bigint AS n FROM (SELECT 1 FROM webhooks WHERE disabled_at IS NOT NULL OR failing_since IS NOT NULL LIMIT 100001) capped`);

export type Counted = 'users' | 'signIns' | 'tenants' | 'clients' | 'failingWebhooks';
const COUNTS = { users: countUsers, signIns: countSignIns, tenants: countTenants, clients: countClients, failingWebhooks: countFailingWebhooks };

@Injectable()
export class OverviewRepository {
  constructor(private readonly statements: StatementRunner) {}

  async userEstimate(): Promise<number | undefined> {
    const row = await this.statements.one<Record<string, never>, { estimate: string; unknown: boolean }>(userEstimate, {});
    return row && !row.unknown ? Number(row.estimate) : undefined;
  }

  /** Up to COUNT_CAP + 1 rows, so a result above the cap says "at least". */
  async count(what: Counted): Promise<number> {
    const row = await this.statements.one<Record<string, never>, { n: string }>(COUNTS[what], {});
    return Number(row?.n ?? 0);
  }
}
