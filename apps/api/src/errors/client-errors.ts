import { randomUUID } from 'node:crypto';
import { Server, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { Logger } from 'pino';
import { ErrorBody } from '@roster/dto';
import { ERROR_STATUS, ErrorCode } from './app-error';

/** What Node's HTTP parser refuses before any request exists, as Node answers it by default, with our error body. */
const REFUSALS: Record<string, [ErrorCode, string] | undefined> = {
  HPE_HEADER_OVERFLOW: [ErrorCode.RequestHeaderFieldsTooLarge, 'The request headers are larger than the server accepts.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [ErrorCode.PayloadTooLarge, 'The chunk extensions of the request body are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [ErrorCode.RequestTimeout, 'The request did not arrive in time.'],
};
const MALFORMED: [ErrorCode, string] = [ErrorCode.BadRequest, 'The request is not valid HTTP.'];

/** The raw response for a refusal: the usual error body, under a request id that the log line names too. */
export function refusal(errorCode: string | undefined, id: string): { status: number; response: string } {
  const [code, title] = REFUSALS[errorCode ?? ''] ?? MALFORMED;
  const status = ERROR_STATUS[code];
  const body = JSON.stringify({ title, errorCode: code, errorId: id } satisfies ErrorBody);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, `X-Request-Id: ${id}`, 'Connection: close'];
  return { status, response: `${head.join('\r\n')}\r\n\r\n${body}` };
}

/**
 * Replaces Node's default 'clientError' answer (a bare status line: headers too large, a timeout, a malformed
 * request) with the error body, and logs it like any refused request. Once a listener exists Node writes
 * nothing itself, so this answers every case Node did, and only while nothing was written on the socket yet.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
      const id = randomUUID();
      const { status, response } = refusal(error.code, id);
      socket.write(response);
      logger.info({ reqId: id, res: { statusCode: status }, reason: error.code }, 'request refused');
    }
    socket.destroy(error);
  });
}
