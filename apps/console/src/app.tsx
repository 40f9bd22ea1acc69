import { lazy, ReactNode, Suspense } from 'react';
import { can, useSession } from './session';
import { linkProps, usePath } from './router';
import { SignInScreen } from './sign-in/sign-in-screen';
import { signOut } from './sign-in/sign-in';
import { UsersScreen } from './users/users-screen';

// The Users screen is the one most visits start on; the others load when first opened.
const UserScreen = lazy(() => import('./users/user-screen').then((m) => ({ default: m.UserScreen })));

interface Screen {
  path: string;
  label: string;
  permission: string;
}

const SCREENS: Screen[] = [
  { path: '/users', label: 'Users', permission: 'users:read' },
];

function route(path: string): ReactNode {
  const user = /^\/users\/(.+)$/.exec(path);
  if (user) return <UserScreen userId={decodeURIComponent(user[1])} />;
  return <UsersScreen />;
}

export function App() {
  const session = useSession();
  const path = usePath();
  if (!session) return <SignInScreen />;
  return (
    <div className="layout">
      <a className="skip" href="#main">Skip to content</a>
      <nav className="side" aria-label="Console">
        <strong>Roster</strong>
        <ul>
          {SCREENS.filter((screen) => can(session, screen.permission)).map((screen) => (
            <li key={screen.path}>
              <a {...linkProps(screen.path)} aria-current={path === screen.path || path.startsWith(screen.path + '/') ? 'page' : undefined}>{screen.label}</a>
            </li>
          ))}
        </ul>
        <p className="muted operator">Signed in: {session.operator}</p>
        <button onClick={() => void signOut()}>Sign out</button>
      </nav>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>{route(path)}</Suspense>
      </main>
    </div>
  );
}
