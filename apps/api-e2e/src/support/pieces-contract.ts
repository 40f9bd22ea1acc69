import Ajv, { ValidateFunction } from 'ajv';

/**
 * JSON Schemas of the Pieces models as the strictest published client (the Python SDK, pydantic) reads
 * them: its required fields, strict types and enums. Built from shared/reference/pieces-wire-format.md.
 */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
const timestamp = { type: 'object', required: ['value'], properties: { value: { type: 'string', pattern: DATE_TIME }, readable: { type: 'string' } } };
const providerTypes = ['UNKNOWN', 'github', 'google-oauth2', 'bitbucket', 'linkedin', 'twitter', 'facebook', 'waad', 'discord', 'gitlab', 'apple', 'username_email', 'slack'];
const statusEnum = { enum: ['UNKNOWN', 'PENDING', 'RUNNING', 'FAILED', 'SUCCEEDED', 'DISCONNECTED'] };
const temporalRange = { type: 'object', properties: { from: timestamp, to: timestamp, between: { type: 'boolean' }, continuous: { type: 'boolean' } } };

const schemas = {
  UserProfile: {
    $id: 'UserProfile',
    type: 'object',
    required: ['id', 'aesthetics'],
    properties: {
      id: { type: 'string' },
      aesthetics: {
        type: 'object',
        required: ['theme', 'font'],
        properties: {
          theme: { type: 'object', required: ['dark'], properties: { dark: { type: 'boolean' } } },
          font: { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } },
        },
      },
      picture: { type: 'string' },
      email: { type: 'string' },
      created: timestamp,
      updated: timestamp,
      username: { type: 'string' },
      name: { type: 'string' },
      vanityname: { type: 'string' },
      allocation: {
        type: 'object',
        required: ['id', 'user', 'urls', 'status', 'project'],
        properties: { status: { type: 'object', required: ['cloud'], properties: { cloud: statusEnum } } },
      },
      providers: {
        type: 'object',
        required: ['iterable'],
        properties: {
          iterable: {
            type: 'array',
            items: {
              type: 'object',
              required: ['type', 'user_id', 'created', 'updated'],
              properties: { type: { enum: providerTypes }, user_id: { type: 'string' }, created: timestamp, updated: timestamp, isSocial: { type: 'boolean' }, connection: { type: 'string' }, profileData: { type: 'object' } },
              not: { anyOf: [{ required: ['access_token'] }] },
            },
          },
        },
      },
      auth0: { type: 'object', required: ['global_id'] },
      descope: { type: 'object', required: ['global_id', 'descope_id'] },
    },
  },
  Users: { $id: 'Users', type: 'object', properties: { iterable: { type: 'array', items: { $ref: 'UserProfile' } } } },
  ReturnedUserProfile: { $id: 'ReturnedUserProfile', type: 'object', properties: { user: { $ref: 'UserProfile' } } },
  UserBetaStatus: {
    $id: 'UserBetaStatus',
    type: 'object',
    required: ['user'],
    properties: { user: { type: 'string' }, auth0: { type: 'object', properties: { vision: temporalRange } }, descope: { type: 'object', properties: { vision: temporalRange } } },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
for (const schema of Object.values(schemas)) ajv.addSchema(schema);

export type PiecesModel = keyof typeof schemas;

/** Throws with ajv's errors when `body` is not a valid `model`. */
export function assertPieces(model: PiecesModel, body: unknown): void {
  const validate = ajv.getSchema(model) as ValidateFunction;
  if (!validate(body)) throw new Error(`${model} contract violated: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
}

/** The model a successful Pieces response carries, by method and path. */
export function modelOf(method: string, path: string): PiecesModel | 'UserProfileOrNull' | undefined {
  const route = `${method.toUpperCase()} ${path.split('?')[0]}`;
  if (/^GET \/user\/stream$/.test(route)) return 'UserProfileOrNull';
  if (/^(GET \/user|GET \/user\/providers)$/.test(route)) return 'ReturnedUserProfile';
  if (/^POST \/user\/beta\/status$/.test(route)) return 'UserBetaStatus';
  if (/^(GET \/users|POST \/users\/[^/]+\/disconnect)$/.test(route)) return 'Users';
  if (/^(POST \/users\/authenticate\/from_token|GET \/users\/[^/]+|GET \/user\/refresh|POST \/user\/(select|update|update\/vanity))$/.test(route)) return 'UserProfile';
  return undefined;
}

/** A fetch that checks every 2xx Pieces response against the contract (used for the SDK and plain calls). */
export const contractFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const model = modelOf(init?.method ?? 'GET', url.pathname);
  if (model && response.status >= 200 && response.status < 300 && response.status !== 204) {
    const body = await response.clone().json();
    if (model === 'UserProfileOrNull') {
      if (body !== null) assertPieces('UserProfile', body);
    } else assertPieces(model, body);
  }
  return response;
};
