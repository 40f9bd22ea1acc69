import type { WebSocketFactory, WebSocketLike } from '../runtime/configuration';

/** A WebSocket the test drives: `send` a frame to the stream, `drop` the connection; `closedWith` is the stream's own close. */
export class FakeSocket implements WebSocketLike {
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  closedWith: number | undefined;
  constructor(readonly url: string, readonly token: string | undefined) {}
  send(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number) {
    this.onclose?.({ code, reason: '' });
  }
  close(code?: number) {
    this.closedWith = code;
  }
}

/** A `webSocket` factory for the Configuration, and every socket it opened, oldest first. */
export function fakeSockets(): { sockets: FakeSocket[]; webSocket: WebSocketFactory } {
  const sockets: FakeSocket[] = [];
  return { sockets, webSocket: (url, token) => sockets[sockets.push(new FakeSocket(url, token)) - 1] };
}

export const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
