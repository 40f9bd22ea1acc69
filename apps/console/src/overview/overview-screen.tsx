import type { Overview, OverviewFigure } from '@roster/client-browser';
import { api } from '../api';
import { useQuery } from '../query';
import { ErrorLine, Loading, Title } from '../ui';

const number = new Intl.NumberFormat();

/** "about 1,000,000 (estimate)" for a statistics figure, "100,000+" for a capped count. */
function Figure({ label, figure }: { label: string; figure?: OverviewFigure }) {
  return (
    <div className="card">
      <div className="muted">{label}</div>
      <div className="figure">{figure ? `${figure.estimated ? '≈ ' : ''}${number.format(figure.value)}${figure.atLeast ? '+' : ''}` : '…'}</div>
      {figure?.estimated ? <div className="muted">estimate from PostgreSQL statistics</div> : null}
      {figure?.atLeast ? <div className="muted">counting stops at {number.format(figure.value)}</div> : null}
    </div>
  );
}

export function OverviewScreen() {
  const overview = useQuery<Overview>('overview', () => api.overview.getOverview());
  return (
    <>
      <Title>Overview</Title>
      <Loading when={overview.loading} />
      <ErrorLine error={overview.error} />
      <div className="cards">
        <Figure label="Users" figure={overview.data?.users} />
        <Figure label="Sign-ins, last 24 hours" figure={overview.data?.signInsLast24Hours} />
        <Figure label="Tenants" figure={overview.data?.tenants} />
        <Figure label="Service clients" figure={overview.data?.clients} />
        <Figure label="Failing webhook endpoints" figure={overview.data?.failingWebhooks} />
      </div>
    </>
  );
}
