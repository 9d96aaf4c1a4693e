import WebSocket from 'ws';
import type { RpcMessage, Transport } from '#shared/rpc/protocol';

/** A client end of the station's RPC WebSocket, as a Transport for createRpcClient. */
export function clientTransport(url: string): Promise<Transport> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        send: (m: RpcMessage) => socket.send(JSON.stringify(m)),
        onMessage: (listener) => {
          const h = (data: WebSocket.RawData) => listener(JSON.parse(String(data)) as RpcMessage);
          socket.on('message', h);
          return () => socket.off('message', h);
        },
        onClose: (listener) => {
          socket.on('close', listener);
          return () => socket.off('close', listener);
        },
      }),
    );
  });
}
