import { IncomingMessage } from 'node:http';
import { STREAM_BEARER_PROTOCOL } from '@roster/dto';
import { credentialFrom } from '../auth/bearer';

export const BEARER_PROTOCOL = STREAM_BEARER_PROTOCOL;

/** The token of a WebSocket upgrade: Authorization header, `access_token` query parameter, or subprotocols `roster.bearer, <token>`. */
export function streamCredential(request: IncomingMessage): string | undefined {
  const header = credentialFrom(request.headers.authorization);
  if (header !== undefined) return header;
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('access_token');
  if (query !== null) return query;
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
  const at = protocols.indexOf(BEARER_PROTOCOL);
  return at >= 0 ? (protocols[at + 1] ?? '') : undefined;
}
