import { createServer, connect, type Server, type Socket } from 'node:net';

export type CuttableProxy = { url: string; port: number; cut(): Promise<void>; heal(): Promise<void>; close(): Promise<void> };

/**
 * A network cable between one station and the hub: a TCP proxy on loopback that can be unplugged
 * (every connection reset, new ones refused) and plugged back in on the same port.
 */
export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        const address = s.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    cut: stop,
    heal: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  };
}
