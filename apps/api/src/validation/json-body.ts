import { IncomingMessage, ServerResponse } from 'node:http';
import { json, Response } from 'express';
import { AppError, ErrorCode } from '../errors/app-error';
import { sendError } from '../errors/error-body.filter';

/** `application/json` or a JSON suffix type (`application/merge-patch+json`), parameters such as charset allowed. */
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;

/** Whether the request says its body is JSON; the body parser reads exactly these. */
export function declaresJson(req: IncomingMessage): boolean {
  const mediaType = req.headers['content-type']?.split(';', 1)[0].trim().toLowerCase();
  return mediaType !== undefined && JSON_MEDIA_TYPE.test(mediaType);
}

/** A body of at least one byte is on its way (Content-Length above 0, or chunked). */
function carriesBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * 415 for a POST, PUT or PATCH whose body is not declared as JSON. Without it such a body (curl's form default)
 * was never parsed and the request went on as if nothing was sent: a 200 that changed nothing, or a tenant
 * with a generated id. A request without a body (POST /user/clear, Content-Length: 0) passes.
 */
export function requireJsonBodies() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!WITH_BODY.has(req.method ?? '') || !carriesBody(req) || declaresJson(req)) return next();
    sendError(new AppError(ErrorCode.UnsupportedMediaType, 'The request body must be JSON, sent with Content-Type: application/json.'), req as Parameters<typeof sendError>[1], res as Response);
  };
}

/** What the JSON parser takes for a body: a Content-Length (0 too) or a chunked one. */
function announcesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
}

/**
 * requireJsonBodies, then the JSON parser, as one middleware that a request without a body (every GET)
 * passes with one check: as two Express layers each read its headers again on every request.
 */
export function jsonBodies(limit: string | number) {
  const requireJson = requireJsonBodies();
  const parse = json({ limit, type: declaresJson });
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    if (!announcesBody(req)) return next();
    requireJson(req, res, () => parse(req, res, next));
  };
}
