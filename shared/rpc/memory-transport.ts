import type { RpcMessage, Transport } from './protocol';

/** Two connected in-memory transports, for tests. Messages are JSON round-tripped like on a real wire. */
export function createMemoryTransportPair(): [Transport, Transport] {
  const listeners: [Set<(m: RpcMessage) => void>, Set<(m: RpcMessage) => void>] = [new Set(), new Set()];
  const side = (mine: 0 | 1): Transport => ({
    send(message) {
      const copy = JSON.parse(JSON.stringify(message)) as RpcMessage;
      queueMicrotask(() => listeners[mine === 0 ? 1 : 0].forEach((l) => l(copy)));
    },
    onMessage(listener) {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [side(0), side(1)];
}
