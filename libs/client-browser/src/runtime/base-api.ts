import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { Configuration, type ConfigurationParameters, toConfiguration } from './configuration.js';
import { type ErrorBody, ResponseError } from './response-error.js';

/** A successful answer: the parsed body and the response, for its headers (`ETag`, `Link`). */
export interface ApiResponse<T> {
  data: T;
  response: Response;
}

/** Per-call options: extra headers, or a signal to abort the request. */
export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type Result = { data?: unknown; error?: unknown; response: Response };

/** What every generated API class shares: one openapi-fetch client that adds the bearer token. */
export class BaseApi {
  protected readonly configuration: Configuration;
  protected readonly client: Client<paths>;

  constructor(configuration: Configuration | ConfigurationParameters = {}) {
    this.configuration = toConfiguration(configuration);
    const { fetch: customFetch, headers } = this.configuration.parameters;
    this.client = createClient<paths>({ baseUrl: this.configuration.basePath, headers, fetch: (request) => (customFetch ?? globalThis.fetch)(request) });
    this.client.use({
      onRequest: async ({ request }) => {
        const token = await this.configuration.token();
        if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    });
  }

  protected unwrap<T>(result: Result): ApiResponse<T> {
    if (!result.response.ok) throw new ResponseError(result.response, isErrorBody(result.error) ? result.error : undefined);
    return { data: result.data as T, response: result.response };
  }
}

const isErrorBody = (value: unknown): value is ErrorBody => typeof value === 'object' && value !== null && typeof (value as ErrorBody).errorCode === 'string';
