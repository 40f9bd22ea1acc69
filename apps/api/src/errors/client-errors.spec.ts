import { refusal } from './client-errors';

const parse = (response: string) => {
  const [head, body] = response.split('\r\n\r\n');
  return { statusLine: head.split('\r\n')[0], headers: head.split('\r\n').slice(1), body: JSON.parse(body) };
};

describe('refusal', () => {
  it('answers headers over the limit with 431 and the error body under the request id', () => {
    const { status, response } = refusal('HPE_HEADER_OVERFLOW', 'req-9');
    const { statusLine, headers, body } = parse(response);
    expect(status).toBe(431);
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers).toEqual(expect.arrayContaining(['Content-Type: application/json', 'X-Request-Id: req-9', 'Connection: close', `Content-Length: ${Buffer.byteLength(JSON.stringify(body))}`]));
    expect(body).toEqual({ title: expect.any(String), errorCode: 'RequestHeaderFieldsTooLarge', errorId: 'req-9' });
  });

  it('keeps the statuses Node answers by default: 408 for a timeout, 400 for anything malformed', () => {
    expect(refusal('ERR_HTTP_REQUEST_TIMEOUT', 'x').status).toBe(408);
    expect(refusal('HPE_INVALID_METHOD', 'x').status).toBe(400);
    expect(refusal(undefined, 'x').status).toBe(400);
  });
});
