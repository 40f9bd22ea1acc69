import { clientToken } from './access-keys';

/** Calls the service as the service client that `accessKey` belongs to. */
export function callAs(accessKey: string, baseUrl: string) {
  return async (method: string, path: string, body?: object): Promise<Response> => {
    const token = await clientToken(accessKey, baseUrl);
    return fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  };
}
