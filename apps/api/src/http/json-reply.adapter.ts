import { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';

const JSON_UTF8 = 'application/json; charset=utf-8';

/** A request that may deserve a 304 or no body: Express decides those. */
function wantsExpress(req: IncomingMessage): boolean {
  if (req.method === 'HEAD') return true;
  const headers = req.headers;
  return headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
}

/**
 * Nest's Express adapter, writing a handler's JSON in one step. Express's res.json → res.send parsed and
 * re-formatted the Content-Type to add its charset and asked for freshness on every response; here a plain
 * object gets the same status, headers and bytes (`application/json; charset=utf-8`, or the route's own
 * type with that charset, and Content-Length). A body that is no object, a stream or buffer, a type that
 * carries parameters, a status without a body, a HEAD or a conditional request take Express's way as before.
 */
export class JsonReplyAdapter extends ExpressAdapter {
  /** Nest's own status codes (its defaults and @HttpCode) are valid: Express's res.status only checked them again. */
  override status(response: ServerResponse, statusCode: number) {
    response.statusCode = statusCode;
    return response;
  }

  override reply(response: ServerResponse & { req: IncomingMessage }, body: unknown, statusCode?: number) {
    const status = statusCode ?? response.statusCode;
    const type = response.getHeader('Content-Type');
    if (body === null || typeof body !== 'object' || body instanceof StreamableFile || ArrayBuffer.isView(body) || status === 204 || status === 205 || status === 304 || wantsExpress(response.req) || (type !== undefined && (typeof type !== 'string' || type.includes(';')))) {
      return super.reply(response, body, statusCode);
    }
    const text = JSON.stringify(body);
    response.statusCode = status;
    response.setHeader('Content-Type', type === undefined ? JSON_UTF8 : `${type}; charset=utf-8`);
    response.setHeader('Content-Length', Buffer.byteLength(text));
    response.end(text);
  }
}
