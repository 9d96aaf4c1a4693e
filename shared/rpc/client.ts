import type { z } from 'zod';
import { AppError, type AppErrorShape, type Result } from '../contract/errors';
import type { ContractShape, EventsShape, Input, Output } from './define';
import type { RpcMessage, Transport } from './protocol';

/** A failed call, with the host's error code and its message (a catalog key and parameters). */
export class RpcError extends AppError {
  readonly ref: string | undefined;
  constructor(shape: AppErrorShape) {
    super(shape.code, shape.msg, shape.details);
    this.name = 'RpcError';
    this.ref = shape.ref;
  }
}

export type RpcClient<C extends ContractShape, E extends EventsShape> = {
  /** Calls a procedure; rejects with RpcError. */
  call<K extends keyof C & string>(method: K, input: Input<C, K>): Promise<Output<C, K>>;
  /** Calls a procedure; resolves to a Result instead of rejecting. */
  try<K extends keyof C & string>(method: K, input: Input<C, K>): Promise<Result<Output<C, K>>>;
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<K extends keyof E & string>(name: K, listener: (payload: z.output<E[K]>) => void): () => void;
  close(): void;
};

export function createRpcClient<C extends ContractShape, E extends EventsShape>(
  transport: Transport,
  options: { timeoutMs?: number } = {},
): RpcClient<C, E> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: unknown }>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  const settle = (id: number, result: Result<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const offMessage = transport.onMessage((message: RpcMessage) => {
    if (message.t === 'res') settle(message.id, message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    else if (message.t === 'evt') eventListeners.get(message.name)?.forEach((l) => l(message.payload));
  });
  const failAll = (error: AppErrorShape) => [...pending.keys()].forEach((id) => settle(id, { ok: false, error }));
  transport.onClose?.(() => failAll({ code: 'HUB_UNREACHABLE', msg: { key: 'rpc.closed' } }));

  const tryCall = (method: string, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => settle(id, { ok: false, error: { code: 'TIMEOUT', msg: { key: 'rpc.timeout', params: { method } } } }), timeoutMs);
      pending.set(id, { resolve, timer });
      transport.send({ t: 'req', id, method, input });
    });

  return {
    try: tryCall as RpcClient<C, E>['try'],
    async call(method, input) {
      const result = await tryCall(method, input);
      if (!result.ok) throw new RpcError(result.error);
      return result.value as never;
    },
    on(name, listener) {
      const set = eventListeners.get(name) ?? new Set();
      eventListeners.set(name, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    close() {
      offMessage();
      failAll({ code: 'HUB_UNREACHABLE', msg: { key: 'rpc.clientClosed' } });
    },
  };
}
