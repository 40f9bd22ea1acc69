import { IncomingMessage } from 'node:http';
import { streamCredential } from './stream-credential';

const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as IncomingMessage;

describe('streamCredential', () => {
  it('reads the Authorization header first', () => {
    expect(streamCredential(request('/user/stream?access_token=q', { authorization: 'Bearer h' }))).toBe('h');
  });

  it('reads the access_token query parameter', () => {
    expect(streamCredential(request('/user/stream?access_token=q.r.s'))).toBe('q.r.s');
  });

  it('reads the token after roster.bearer in the subprotocols', () => {
    expect(streamCredential(request('/user/stream', { 'sec-websocket-protocol': 'roster.bearer, a.b.c' }))).toBe('a.b.c');
    expect(streamCredential(request('/user/stream', { 'sec-websocket-protocol': 'roster.bearer' }))).toBe('');
  });

  it('is undefined when no credential was sent', () => {
    expect(streamCredential(request('/user/stream', { 'sec-websocket-protocol': 'chat' }))).toBeUndefined();
  });
});
