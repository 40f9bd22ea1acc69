import type { ConsoleSession as Issued } from '@roster/client-browser';
import { api } from '../api';
import { clearQueries } from '../query';
import { navigate } from '../router';
import { setSession } from '../session';

const OIDC_CALLBACK = '/oidc-callback';

function remember(issued: Issued): void {
  setSession({ token: issued.token, expiresAt: issued.expiresAt, permissions: issued.permissions, operator: issued.operator });
}

/** `#code=…` of a sign-in link: taken off the address bar at once (history, screenshots), then exchanged once. */
export async function signInFromLink(): Promise<boolean> {
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  if (!code) return false;
  history.replaceState(null, '', location.pathname);
  remember(await api.console.createConsoleSession({ createConsoleSessionRequest: { code } }));
  navigate('/', { replace: true });
  return true;
}

/**
 * oidc-client-ts, loaded only when OIDC is used (it stays out of the initial bundle). The PKCE verifier and state
 * sit in sessionStorage across the redirect and are removed by the callback; tokens are kept in memory only.
 */
async function userManager(issuer: string, clientId: string) {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  return new UserManager({
    authority: issuer,
    client_id: clientId,
    redirect_uri: `${location.origin}/console${OIDC_CALLBACK}`,
    response_type: 'code',
    scope: 'openid profile email',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
  });
}

export async function startOidcSignIn(issuer: string, clientId: string): Promise<void> {
  await (await userManager(issuer, clientId)).signinRedirect();
}

/** Back from the provider with `?code&state`: finish the code flow with PKCE, then trade the ID token for a console session. */
export async function finishOidcSignIn(): Promise<boolean> {
  if (location.pathname !== `/console${OIDC_CALLBACK}`) return false;
  const configuration = await api.console.getConsoleConfiguration();
  if (!configuration.oidc) throw new Error('No OIDC provider is configured for the console.');
  const user = await (await userManager(configuration.oidc.issuer, configuration.oidc.clientId)).signinRedirectCallback();
  if (!user.id_token) throw new Error('The provider returned no ID token.');
  remember(await api.console.createConsoleSession({ createConsoleSessionRequest: { idToken: user.id_token } }));
  navigate('/', { replace: true });
  return true;
}

export async function signOut(): Promise<void> {
  try {
    await api.console.deleteConsoleSession();
  } finally {
    setSession(null);
    clearQueries();
    navigate('/', { replace: true });
  }
}
