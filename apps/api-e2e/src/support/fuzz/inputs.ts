import fc from 'fast-check';
import { resolveSchema, Schema } from './openapi-operations';

/** Strings that have broken parsers before: empty and huge, control and invalid characters, bad encodings, injections. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '', ' ', '%', '%00', '%ZZ', '%E0%A4%A', '%2F', '\u0000', '..', '../..', '/', '//', '\\', '*', '?', "' OR 1=1 --", '${jndi:x}', '{{7*7}}',
    '<script>', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '9'.repeat(400), '__proto__', 'constructor', 'toString', '\u202e',
    '\ud800', 'a'.repeat(5000), 'W/"1"', '"1"', '*', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  ),
);

/** Any JSON value, with the awkward ones made likely. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [[[]]], { __proto__: null, polluted: true }),
);

/** A value of the type the schema asks for, so valid bodies (and the code behind validation) are reached too. */
function plausible(schema: Schema | undefined, depth: number): fc.Arbitrary<unknown> {
  const resolved = resolveSchema(schema);
  if (resolved?.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved?.type) {
    case 'string':
      return fc.string({ maxLength: 30 });
    case 'number':
    case 'integer':
      return fc.integer({ min: -5, max: 200 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(shaped(resolved.items, depth + 1), { maxLength: 3 });
    default:
      return resolved?.properties ? shaped(resolved, depth + 1) : nastyValue;
  }
}

/** Objects with the schema's own keys (at any depth), each holding a right or a wrong value. */
export function shaped(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolveSchema(schema);
  if (!resolved?.properties || depth > 3) return depth > 3 ? nastyValue : plausible(resolved, depth);
  const values = Object.fromEntries(Object.entries(resolved.properties).map(([key, property]) => [key, fc.oneof(plausible(property, depth), nastyValue)]));
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(values, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(values, { requiredKeys: [] }), fc.dictionary(nastyString, nastyValue, { maxKeys: 3 })).map(([known, extra]) => ({ ...extra, ...known })) },
    { weight: 1, arbitrary: nastyValue },
  );
}

/** Request body text: schema-shaped JSON, any JSON, truncated JSON, not JSON, pathological JSON, or none. */
export function bodyText(schema: Schema | undefined): fc.Arbitrary<string | undefined> {
  const json = shaped(schema).map((value) => JSON.stringify(value) ?? 'null');
  return fc.oneof(
    { weight: 6, arbitrary: json },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: json.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '['.repeat(30_000) + ']'.repeat(30_000),
        '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        '{"name":"\\ud800"}',
        '\ufeff{}',
        '{"a":1,"a":2}',
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** encodeURIComponent, which throws on a lone surrogate: that one is sent as U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** A path parameter, percent-encoded in the ways clients (and attackers) do it. */
export function pathSegment(known: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.oneof(fc.constantFrom(...known), nastyString), fc.constantFrom('component', 'uri', 'raw')).map(([value, encoding]) =>
    encoding === 'component' ? encode(value) : encoding === 'uri' ? encode(value).replace(/%2F/g, '/') : value.replace(/[/?#]/g, (c) => encode(c)),
  );
}

/** A query string: the operation's own parameters (also as arrays and objects) and others, encoded or raw. */
export function queryString(names: string[]): fc.Arbitrary<string> {
  const keys = [...names, ...names.map((name) => `${name}[]`), ...names.map((name) => `${name}[x]`), 'limit', 'cursor', 'access_token'];
  return fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), nastyString), nastyString, fc.boolean()), { maxLength: 5 })
    .map((pairs) => pairs.map(([key, value, raw]) => (raw ? `${key}=${value}`.replace(/[#\s]/g, '') : `${encode(key)}=${encode(value)}`)).join('&'));
}

const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,80}$/);

/** Who calls: a kind the test turns into a fresh credential, or garbage in the Authorization header. */
export const caller = fc.oneof(
  // Mostly callers who get past authentication, so the fuzzing reaches validation and the code behind it.
  { weight: 6, arbitrary: fc.constantFrom('user', 'newcomer', 'client') },
  { weight: 2, arbitrary: fc.constantFrom('none', 'expired', 'foreign', 'tampered', 'none-alg') },
  { weight: 1, arbitrary: headerText.map((text) => `raw:${text}`) },
  { weight: 1, arbitrary: nastyString.map((text) => `raw:Bearer ${text.replace(/[^\x20-\x7e]/g, '')}`) },
);

/** Sometimes `arbitrary`, mostly nothing: requests should usually get past content negotiation to the code behind it. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record({
    'content-type': sometimes(fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=nope', 'application/merge-patch+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json, text/html', ';;;')),
    'content-encoding': sometimes(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown')),
    'if-match': sometimes(headerText),
    'x-request-id': sometimes(headerText),
    accept: sometimes(fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', 'nonsense')),
    'x-forwarded-for': sometimes(headerText),
    'x-application-id': sometimes(headerText),
    origin: sometimes(fc.constantFrom('https://evil.example', 'null')),
  })
  .map((headers) => Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)));
