import { ClientsApi, Configuration, ConsoleApi, EventsApi, ManagementUsersApi, OverviewApi, ResponseError, TenantsApi, WebhooksApi } from '@roster/client-browser';
import { getSession, setSession } from './session';

/** Same origin: the console is served by the service it manages. */
export const configuration = new Configuration({
  basePath: location.origin,
  accessToken: () => getSession()?.token,
  // A 401 means the session ended (signed out elsewhere, expired): back to the sign-in screen.
  fetch: async (request) => {
    const response = await fetch(request);
    if (response.status === 401 && getSession()) setSession(null);
    return response;
  },
});

export const api = {
  console: new ConsoleApi(configuration),
  overview: new OverviewApi(configuration),
  users: new ManagementUsersApi(configuration),
  tenants: new TenantsApi(configuration),
  clients: new ClientsApi(configuration),
  webhooks: new WebhooksApi(configuration),
  events: new EventsApi(configuration),
};

/** The service's title for an error, or a generic line. */
export function messageOf(error: unknown): string {
  if (error instanceof ResponseError) return error.body?.title ?? `The service answered ${error.status}.`;
  return error instanceof Error ? error.message : String(error);
}
