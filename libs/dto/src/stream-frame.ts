import { UserProfile } from './pieces/user-profile.dto';

/**
 * The `/user/stream` WebSocket contract. Each text frame is a full UserProfile (Pieces wire format),
 * first on connect and then after every change, in order; `null` means signed out and is followed by
 * a close. Clients send nothing (pings are answered by the WebSocket layer).
 */
export type UserStreamFrame = UserProfile | null;

/** Subprotocols `[STREAM_BEARER_PROTOCOL, <token>]` carry the token where headers cannot (browsers). */
export const STREAM_BEARER_PROTOCOL = 'roster.bearer';

export const STREAM_CLOSE_CODES = {
  /** Server shutting down: reconnect. */
  goingAway: 1001,
  /** Signed out, deleted, or the token expired: do not reconnect with the same token. */
  signedOut: 1008,
  /** A client frame was too large. */
  messageTooBig: 1009,
  /** The client did not read its frames fast enough: reconnect and read. */
  slowConsumer: 4008,
} as const;
