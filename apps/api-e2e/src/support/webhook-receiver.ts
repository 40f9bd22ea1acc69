import { createServer, IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface Receiver {
  url: string;
  received: Delivery[];
  /** How to answer each delivery (default 204); may hold `res` to answer later. */
  answer: (delivery: Delivery, res: ServerResponse) => void;
  /** Most requests open at once so far. */
  maxConcurrent(): number;
  /** The deliveries to `path`, each verified with `secret` (throws on the first that fails). */
  verified(secret: string, path: string): Array<{ id: string; event: { eventId: string; type: string; actor: { type: string; id: string }; data: Record<string, unknown> } }>;
  close(): Promise<void>;
}

/** A local endpoint that records every delivery (tests run the service with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true). */
export async function startReceiver(): Promise<Receiver> {
  let open = 0;
  let most = 0;
  const receiver: Receiver = {
    url: '',
    received: [],
    answer: (_delivery, res) => res.writeHead(204).end(),
    maxConcurrent: () => most,
    verified: (secret, path) =>
      receiver.received.filter((delivery) => delivery.path === path).map((delivery) => ({
        id: String(delivery.headers['webhook-id']),
        event: new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as ReturnType<Receiver['verified']>[number]['event'],
      })),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    open++;
    most = Math.max(most, open);
    res.on('close', () => open--);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const delivery = { path: req.url ?? '/', headers: req.headers, body, receivedAt: Date.now() };
      receiver.received.push(delivery);
      receiver.answer(delivery, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
