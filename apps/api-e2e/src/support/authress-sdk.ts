import { AuthressClient, ServiceClientTokenProvider } from '@authress/sdk';

export interface SdkResponse<T = unknown> {
  status: number;
  data: T;
}

/** The SDK's own HTTP client: the same token pipeline and headers as its methods; absolute URLs bypass its base URL. */
export interface SdkHttpClient {
  baseUrl: string;
  get<T = unknown>(url: string | URL, headers?: Record<string, string>): Promise<SdkResponse<T>>;
  delete<T = unknown>(url: string | URL, headers?: Record<string, string>): Promise<SdkResponse<T>>;
  patch<T = unknown>(url: string | URL, data: object, headers?: Record<string, string>): Promise<SdkResponse<T>>;
}

/** The published @authress/sdk (2.3.127) signed in with a service-client access key. */
export function authressSdk(url: string, accessKey: string): { client: AuthressClient; http: SdkHttpClient } {
  const client = new AuthressClient({ authressApiUrl: url }, new ServiceClientTokenProvider(accessKey, url));
  // 2.3.127 has getUser only; getUsers, deleteUser and linkTenantUser go through its httpClient (typed nowhere).
  return { client, http: (client as unknown as { httpClient: SdkHttpClient }).httpClient };
}

/** What the SDK throws for a non-2xx answer (a plain object, not an Error). */
export const sdkFailure = (error: { status: number; data: unknown }) => error;
