import { TestIssuer } from './test-issuer';

/** The part of the profile that sign-in answers with which tests read; the rest is there too. */
export interface SignedInProfile {
  id: string;
  name?: string;
  picture?: string;
  email?: string;
  [field: string]: unknown;
}

export interface SignedIn<P = SignedInProfile> {
  /** The access token signed in with: the bearer token for the calls that follow. */
  token: string;
  profile: P;
  /** The user's id (`profile.id`). */
  id: string;
  etag: string;
}

export interface SignInOptions {
  /** Claims of the access token, e.g. `{ sid: 's1' }`. */
  claims?: Record<string, unknown>;
  /** Also send an ID token (whose claims, such as the email, fill the profile). */
  idToken?: boolean;
  /** More fields of the request body, e.g. `token_type`, as the Authress SDK sends it. */
  body?: Record<string, unknown>;
  /** What sends the request, e.g. contractFetch (which also checks the answer against the Pieces contract). */
  fetch?: typeof fetch;
}

/** POST /users/authenticate/from_token with `body`; the test fails, showing the answer, unless it is 200. */
export async function signInWith<P extends { id: string } = SignedInProfile>(serviceUrl: string, body: Record<string, unknown>, send: typeof fetch = fetch): Promise<Omit<SignedIn<P>, 'token'>> {
  const res = await send(`${serviceUrl}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await expect(res).toHaveStatus(200);
  const profile = (await res.json()) as P;
  return { profile, id: profile.id, etag: res.headers.get('etag')! };
}

/** Signs `sub` in at the service with a fresh access token from `idp`: what an app does after its user logs in. */
export async function signIn<P extends { id: string } = SignedInProfile>(serviceUrl: string, idp: TestIssuer, sub: string, options: SignInOptions = {}): Promise<SignedIn<P>> {
  const token = await idp.accessToken(sub, options.claims);
  const body = { access_token: token, ...(options.idToken ? { id_token: await idp.idToken(sub) } : {}), ...options.body };
  return { token, ...(await signInWith<P>(serviceUrl, body, options.fetch)) };
}
