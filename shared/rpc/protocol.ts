import type { AppErrorShape } from '../contract/errors';

/** Wire messages: plain JSON, identical over Electron IPC, WebSocket and in-memory transports. */
export type RpcRequest = { t: 'req'; id: number; method: string; input: unknown };
export type RpcResponse =
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; error: AppErrorShape };
export type RpcEvent = { t: 'evt'; name: string; payload: unknown };
export type RpcMessage = RpcRequest | RpcResponse | RpcEvent;

/** One side of a message channel. Every transport (IPC, WebSocket, memory) implements this. */
export interface Transport {
  send(message: RpcMessage): void;
  onMessage(listener: (message: RpcMessage) => void): () => void;
  onClose?(listener: () => void): () => void;
}

export function isRpcMessage(value: unknown): value is RpcMessage {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return t === 'req' || t === 'res' || t === 'evt';
}
