import { useEffect, useState } from 'react';
import type { ConsoleConfiguration } from '@roster/client-browser';
import { api } from '../api';
import { useQuery } from '../query';
import { ErrorLine, Title } from '../ui';
import { finishOidcSignIn, signInFromLink, startOidcSignIn } from './sign-in';

/** Shown without a session: finishes a link or OIDC sign-in in progress, else offers the ways in. */
export function SignInScreen() {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(true);
  const configuration = useQuery<ConsoleConfiguration>('console:configuration', () => api.console.getConsoleConfiguration());
  useEffect(() => {
    let cancelled = false;
    (async () => (await signInFromLink()) || (await finishOidcSignIn()))()
      .catch((reason) => !cancelled && setError(reason))
      .finally(() => !cancelled && setBusy(false));
    return () => void (cancelled = true);
  }, []);
  const oidc = configuration.data?.oidc;
  return (
    <main id="main" className="sign-in">
      <Title>Roster console</Title>
      {busy ? <p role="status">Signing in…</p> : null}
      <ErrorLine error={error} />
      {oidc ? (
        <p><button className="primary" onClick={() => startOidcSignIn(oidc.issuer, oidc.clientId).catch(setError)}>Sign in with {new URL(oidc.issuer).host}</button></p>
      ) : null}
      <p className="muted">
        For local use, open the one-time link the service printed at start, or print a fresh one with <code>npm run -s cli -- console-link</code>.
      </p>
    </main>
  );
}
