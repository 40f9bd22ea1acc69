import { Configuration, ResponseError, UserApi, UserProfileFromJSON, UsersApi } from '@pieces.app/pieces-os-client';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { contractFetch } from './support/pieces-contract';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

/** The status of a call that the SDK rejected. */
const statusOf = (promise: Promise<unknown>) => promise.then(() => 200, (error: ResponseError) => error.response?.status ?? -1);

describeLocal('the Pieces API through the published @pieces.app/pieces-os-client', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_admin');
  let accessToken: string;
  let idToken: string;

  const sdk = (authorization?: string) => {
    const config = new Configuration({ basePath: sut.url, fetchApi: contractFetch, headers: authorization ? { Authorization: authorization } : {}, accessToken: authorization });
    return { users: new UsersApi(config), user: new UserApi(config) };
  };

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    accessToken = await idp.accessToken('google-oauth2|ada');
    idToken = await idp.idToken('google-oauth2|ada', { email: 'ada@example.com', name: 'Ada Lovelace', picture: 'https://img.example/ada.png' });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  it('walks all 13 methods as a signed-in user', async () => {
    const anonymous = sdk();
    expect(await anonymous.user.userSnapshot()).toEqual({});
    expect(await anonymous.user.streamUser()).toBeNull();

    const ada = sdk(`Bearer ${accessToken}`);
    // Signed in but no profile yet.
    expect(await ada.user.userSnapshot()).toEqual({});

    const signedIn = await ada.users.authenticateFromOauthToken({ oAuthToken: { accessToken, idToken, tokenType: 'Bearer', expiresIn: 3600 } });
    expect(signedIn).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', picture: 'https://img.example/ada.png', aesthetics: { theme: { dark: false }, font: { size: 12 } } });
    expect(signedIn.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(signedIn.created?.value).toBeInstanceOf(Date);
    expect(signedIn.providers?.iterable).toEqual([expect.objectContaining({ type: 'google-oauth2', userId: 'google-oauth2|ada' })]);

    expect((await ada.user.userSnapshot()).user?.id).toBe(signedIn.id);
    expect((await ada.user.refreshUser()).id).toBe(signedIn.id);
    expect((await ada.user.streamUser()).id).toBe(signedIn.id);
    expect((await ada.user.userProviders()).user?.providers?.iterable).toHaveLength(1);
    expect((await ada.users.usersSpecificUserSnapshot({ user: signedIn.id })).id).toBe(signedIn.id);
    expect((await ada.users.usersSpecificUserSnapshot({ user: 'google-oauth2|ada' })).id).toBe(signedIn.id);

    const selected = await ada.user.selectUser({ auth0User: { userId: 'google-oauth2|ada', name: 'Augusta Ada', nickname: 'ada', email: 'evil@example.com', identities: [{ provider: 'github', userId: '1', accessToken: 'gho_secret', isSocial: true }] } });
    expect(selected).toMatchObject({ name: 'Augusta Ada', username: 'ada', email: 'ada@example.com' });
    expect(JSON.stringify(await sut.database!.query('SELECT * FROM users'))).not.toContain('gho_secret');

    const updated = await ada.user.updateUser({ userProfile: UserProfileFromJSON({ ...JSON.parse(JSON.stringify(selected)), id: signedIn.id, name: 'Countess', aesthetics: { theme: { dark: true }, font: { size: 16 } }, email: 'x@example.com', created: { value: '2000-01-01T00:00:00.000Z' } }) });
    expect(updated).toMatchObject({ name: 'Countess', email: 'ada@example.com', aesthetics: { theme: { dark: true }, font: { size: 16 } } });
    expect(updated.created?.value.toISOString()).toBe(signedIn.created?.value.toISOString());

    const vanity = await ada.user.userUpdateVanity({ userProfile: { ...updated, vanityname: 'countess' } });
    expect(vanity.vanityname).toBe('countess');

    const beta = await ada.user.userBetaStatus({ userBetaStatus: { user: signedIn.id, auth0: { vision: { continuous: true } } } });
    expect(beta).toEqual({ user: signedIn.id, auth0: { vision: { continuous: true } } });

    expect(await statusOf(ada.users.usersSnapshot())).toBe(403);
    const self = await ada.users.usersDisconnectUser({ user: signedIn.id });
    expect(self.iterable ?? []).toEqual([]);
    expect(await statusOf(ada.user.userSnapshot())).toBe(401);

    const again = sdk(`Bearer ${await idp.accessToken('google-oauth2|ada', { iat: Math.floor(Date.now() / 1000) + 2 })}`);
    expect((await again.user.userSnapshot()).user?.vanityname).toBe('countess');
    await again.user.clearUser();
    expect(await statusOf(again.user.userSnapshot())).toBe(401);
  });

  it('serves the admin snapshot and disconnect through the SDK with a service-client token', async () => {
    const admin = sdk(`Bearer ${await clientToken(adminKey, sut.url)}`);
    const snapshot = await admin.users.usersSnapshot();
    expect(snapshot.iterable?.length).toBeGreaterThan(0);
    const target = snapshot.iterable![0];
    expect((await admin.users.usersSpecificUserSnapshot({ user: target.id })).id).toBe(target.id);
    const page = await admin.users.usersDisconnectUser({ user: target.id });
    expect(page.iterable?.map((profile) => profile.id)).toContain(target.id);
    expect(await statusOf(admin.users.usersSpecificUserSnapshot({ user: 'no such user' }))).toBe(404);
  });

  it('reports errors through ResponseError: 401, 403, 404, 409, 511', async () => {
    const anonymous = sdk();
    expect(await statusOf(anonymous.user.refreshUser())).toBe(401);
    expect(await statusOf(anonymous.user.userProviders())).toBe(401);
    expect(await statusOf(anonymous.users.usersSnapshot())).toBe(401);
    expect(await statusOf(anonymous.user.userBetaStatus({ userBetaStatus: { user: 'x' } }))).toBe(511);
    expect(await statusOf(anonymous.user.userUpdateVanity({ userProfile: UserProfileFromJSON({ id: 'x', aesthetics: { theme: { dark: false }, font: { size: 12 } }, vanityname: 'abc' }) }))).toBe(511);
    expect(await statusOf(sdk('Bearer forged.token.here').user.userSnapshot())).toBe(401);

    const grace = sdk(`Bearer ${await idp.accessToken('grace')}`);
    expect(await statusOf(grace.user.userUpdateVanity({ userProfile: UserProfileFromJSON({ id: 'x', aesthetics: { theme: { dark: false }, font: { size: 12 } }, vanityname: 'grace' }) }))).toBe(404);
    const profile = await grace.users.authenticateFromOauthToken({ oAuthToken: { accessToken: await idp.accessToken('grace'), tokenType: 'Bearer', expiresIn: 60 } });
    expect(await statusOf(grace.user.userUpdateVanity({ userProfile: { ...profile, vanityname: 'countess' } }))).toBe(409);
    expect(await statusOf(grace.user.userUpdateVanity({ userProfile: { ...profile, vanityname: 'admin' } }))).toBe(409);
    expect(await statusOf(grace.user.userUpdateVanity({ userProfile: { ...profile, id: '00000000-0000-4000-8000-000000000000', vanityname: 'fine' } }))).toBe(403);
    expect(await statusOf(grace.user.userBetaStatus({ userBetaStatus: { user: '00000000-0000-4000-8000-000000000000' } }))).toBe(403);
    expect(await statusOf(grace.user.selectUser({ auth0User: { userId: 'someone-else' } }))).toBe(403);
    expect(await statusOf(grace.users.usersSpecificUserSnapshot({ user: 'google-oauth2|ada' }))).toBe(403);
  });
});
