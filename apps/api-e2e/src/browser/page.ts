/// <reference lib="dom" />
// Runs inside headless Chromium, bundled by esbuild from the browser client's source.
import { Configuration, ResponseError, streamUser, UserApi, UsersApi } from '@roster/client-browser';

export interface ScenarioInput {
  serviceUrl: string;
  accessToken: string;
  idToken: string;
  adminToken: string;
}

async function scenario({ serviceUrl, accessToken, idToken, adminToken }: ScenarioInput) {
  const config = new Configuration({ basePath: serviceUrl, accessToken: async () => accessToken });
  const user = new UserApi(config);
  const signedIn = await new UsersApi(config).authenticateFromOauthToken({ oAuthToken: { access_token: accessToken, id_token: idToken } });

  const read = await user.userSnapshotRaw();
  const etag = read.response.headers.get('ETag');
  const updated = await user.updateUserRaw({ userProfile: { ...read.data.user!, name: 'From the browser' }, ifMatch: etag ?? undefined });
  const staleStatus = await user.updateUser({ userProfile: { ...read.data.user!, name: 'Stale' }, ifMatch: etag ?? undefined }).then(
    () => 200,
    (error) => (error instanceof ResponseError ? `${error.status} ${error.body?.errorCode}` : String(error)),
  );

  const stream = streamUser(config, { minDelayMs: 50 });
  const first = (await stream.next()).value;
  await user.updateUser({ userProfile: { ...updated.data, name: 'Streamed' } });
  let changed = (await stream.next()).value;
  while (changed?.name !== 'Streamed') changed = (await stream.next()).value; // frames may repeat the current profile
  stream.close();

  const page = await new UsersApi({ basePath: serviceUrl, accessToken: adminToken }).usersSnapshotRaw({ limit: 1 });
  return {
    origin: location.origin,
    signedInId: signedIn.id,
    etag,
    updatedName: updated.data.name,
    updatedEtag: updated.response.headers.get('ETag'),
    staleStatus,
    firstFrameName: first?.name,
    streamedName: changed?.name,
    link: page.response.headers.get('Link'),
    pageSize: page.data.iterable?.length,
  };
}

(window as unknown as { scenario: typeof scenario }).scenario = scenario;
