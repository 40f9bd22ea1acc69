import { lazy, ReactNode, Suspense } from 'react';
import { can, useSession } from './session';
import { linkProps, usePath } from './router';
import { SignInScreen } from './sign-in/sign-in-screen';
import { signOut } from './sign-in/sign-in';
import { UsersScreen } from './users/users-screen';

// The Users screen is the one most visits work in; the others load when first opened.
const named = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const OverviewScreen = named(() => import('./overview/overview-screen'), 'OverviewScreen');
const UserScreen = lazy(() => import('./users/user-screen').then((m) => ({ default: m.UserScreen })));
const TenantsScreen = named(() => import('./tenants/tenants-screen'), 'TenantsScreen');
const ClientsScreen = named(() => import('./clients/clients-screen'), 'ClientsScreen');
const WebhooksScreen = named(() => import('./webhooks/webhooks-screen'), 'WebhooksScreen');
const WebhookScreen = lazy(() => import('./webhooks/webhook-screen').then((m) => ({ default: m.WebhookScreen })));
const EventsScreen = named(() => import('./events/events-screen'), 'EventsScreen');
const ClientScreen = lazy(() => import('./clients/client-screen').then((m) => ({ default: m.ClientScreen })));

interface Screen {
  path: string;
  label: string;
  permission: string;
}

/** Each screen is shown only to sessions holding what it reads; the API enforces it regardless. */
const SCREENS: Screen[] = [
  { path: '/overview', label: 'Overview', permission: 'users:read' },
  { path: '/users', label: 'Users', permission: 'users:read' },
  { path: '/tenants', label: 'Tenants', permission: 'tenants:read' },
  { path: '/clients', label: 'Service clients', permission: 'clients:write' },
  { path: '/webhooks', label: 'Webhooks', permission: 'webhooks:read' },
  { path: '/events', label: 'Audit log', permission: 'events:read' },
];

function route(path: string): ReactNode {
  const [, section, id] = /^\/([^/]*)(?:\/(.+))?$/.exec(path) ?? [];
  const param = id && decodeURIComponent(id);
  if (section === 'users') return param ? <UserScreen userId={param} /> : <UsersScreen />;
  if (section === 'tenants') return <TenantsScreen />;
  if (section === 'clients') return param ? <ClientScreen clientId={param} /> : <ClientsScreen />;
  if (section === 'webhooks') return param ? <WebhookScreen webhookId={param} /> : <WebhooksScreen />;
  if (section === 'events') return <EventsScreen />;
  return <OverviewScreen />;
}

export function App() {
  const session = useSession();
  const path = usePath();
  // A sign-in link opened while signed in replaces the session with the link's.
  if (!session || location.hash.startsWith('#code=')) return <SignInScreen />;
  const current = path === '/' ? '/overview' : path;
  return (
    <div className="layout">
      <a className="skip" href="#main">Skip to content</a>
      <nav className="side" aria-label="Console">
        <strong>Roster</strong>
        <ul>
          {SCREENS.filter((screen) => can(session, screen.permission)).map((screen) => (
            <li key={screen.path}>
              <a {...linkProps(screen.path)} aria-current={current === screen.path || current.startsWith(screen.path + '/') ? 'page' : undefined}>{screen.label}</a>
            </li>
          ))}
        </ul>
        <p className="muted">Signed in: {session.operator}</p>
        <button onClick={() => void signOut()}>Sign out</button>
      </nav>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>{route(current)}</Suspense>
      </main>
    </div>
  );
}
