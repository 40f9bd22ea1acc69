import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('leaves URLs without a query alone', () => {
    expect(redactUrl('/user/stream')).toBe('/user/stream');
  });

  it('hides token parameters, however they are spelled or encoded', () => {
    expect(redactUrl('/user/stream?access_token=abc.def&x=1')).toBe('/user/stream?access_token=[redacted]&x=1');
    expect(redactUrl('/s?ACCESS_TOKEN=1&%61ccess_token=2&id_token=3')).toBe('/s?ACCESS_TOKEN=[redacted]&%61ccess_token=[redacted]&id_token=[redacted]');
  });

  it('keeps other parameters verbatim', () => {
    expect(redactUrl('/v1/users?limit=7&filter=a%20b')).toBe('/v1/users?limit=7&filter=a%20b');
  });
});
