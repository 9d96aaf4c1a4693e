import { createServer, connect, type Server, type Socket } from 'node:net';

export type CuttableProxy = {
  url: string; port: number; cut(): Promise<void>; heal(): Promise<void>; close(): Promise<void>;
  /** Bytes carried from the station to the hub so far. */
  bytesUp(): number;
  /** Unplugs the cable once `bytes` more have gone up: mid-request, wherever that falls. */
  cutAfter(bytes: number): Promise<void>;
};

/**
 * A network cable between one station and the hub: a TCP proxy on loopback that can be unplugged
 * (every connection reset, new ones refused) and plugged back in on the same port.
 */
export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let up = 0;
  let budget = Infinity;
  let armed: (() => void) | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.on('data', (chunk: Buffer) => {
          if (budget <= 0) return;
          const carried = Math.min(chunk.length, budget);
          budget -= carried;
          up += carried;
          if (upstream.writable && !upstream.write(carried === chunk.length ? chunk : chunk.subarray(0, carried))) {
            client.pause();
            upstream.once('drain', () => client.resume());
          }
          if (budget <= 0) armed?.();
        });
        client.on('end', () => upstream.end());
        upstream.pipe(client);
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
    bytesUp: () => up,
    cutAfter(bytes) {
      return new Promise((resolve) => {
        budget = bytes;
        armed = () => {
          armed = null;
          void stop().then(() => {
            budget = Infinity;
            resolve();
          });
        };
      });
    },
    url: `http://127.0.0.1:${port}`,
    port,
    cut: stop,
    heal: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  };
}
