import { connect, createServer, Socket } from 'node:net';

/** A TCP relay in front of a server, which can turn into a black hole: the network partition of a test. */
export interface TcpProxy {
  port: number;
  /** Connections clients have opened through the relay so far. */
  connections(): number;
  /** From now on nothing passes, in either direction, and new connections are accepted but never answered. */
  cut(): void;
  /** New connections pass again; those cut stay silent, as connections lost in a partition do. */
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let partitioned = false;
  let opened = 0;
  const sockets = new Set<Socket>();
  const live = new Set<[Socket, Socket]>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  };
  const silence = (socket: Socket) => {
    socket.unpipe();
    socket.removeAllListeners('data');
    socket.on('data', () => undefined);
  };
  const server = createServer((client) => {
    opened++;
    track(client);
    if (partitioned) return silence(client);
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    live.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => opened,
    cut: () => {
      partitioned = true;
      for (const pair of live) pair.forEach(silence);
      live.clear();
    },
    heal: () => {
      partitioned = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
