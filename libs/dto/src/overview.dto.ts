/** One figure of the overview; `estimated` when it comes from PostgreSQL's statistics rather than a count. */
export class OverviewFigure {
  value: number;
  estimated: boolean;
  /** True when counting stopped at `value`: there are at least that many. */
  atLeast?: boolean;
}

/** GET /v1/overview: what an operator looks at first, cheap at any size (estimates are labelled). */
export class Overview {
  users: OverviewFigure;
  /** `user.signed_in` events in the last 24 hours. */
  signInsLast24Hours: OverviewFigure;
  tenants: OverviewFigure;
  clients: OverviewFigure;
  /** Webhook endpoints disabled, or failing now (retrying). */
  failingWebhooks: OverviewFigure;
}
