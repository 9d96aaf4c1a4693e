import { AppError } from '#shared/contract/errors';
import { contract, type Contract, type Events } from '#shared/contract/index';
import { createRpcClient } from '#shared/rpc/client';
import type { Output, ParsedInput } from '#shared/rpc/define';
import { createMemoryTransportPair } from '#shared/rpc/memory-transport';
import type { RpcMessage } from '#shared/rpc/protocol';
import type { Api } from '../api/client';

/** Test double of the host: answers the real wire protocol and validates inputs and outputs with the contract. */
export type FakeHandlers = {
  -readonly [K in keyof Contract]?: (input: ParsedInput<Contract, K>) => Output<Contract, K> | Promise<Output<Contract, K>>;
};

export type FakeHost = {
  api: Api;
  calls: { method: string; input: unknown }[];
  handlers: FakeHandlers;
  emit<K extends keyof Events & string>(name: K, payload: unknown): void;
  callsOf(method: keyof Contract): unknown[];
};

export function createFakeHost(handlers: FakeHandlers = {}): FakeHost {
  const [clientSide, hostSide] = createMemoryTransportPair();
  const calls: { method: string; input: unknown }[] = [];
  const reply = (message: RpcMessage) => hostSide.send(message);

  hostSide.onMessage(async (m) => {
    if (m.t !== 'req') return;
    const proc = (contract as Record<string, Contract[keyof Contract]>)[m.method];
    if (!proc) return reply({ t: 'res', id: m.id, ok: false, error: { code: 'UNKNOWN_METHOD', msg: { key: 'rpc.unknownMethod', params: { method: m.method } } } });
    const parsed = proc.input.safeParse(m.input);
    if (!parsed.success) {
      return reply({ t: 'res', id: m.id, ok: false, error: { code: 'INVALID_INPUT', msg: { key: 'rpc.invalidInput', params: { issues: 'fake' } }, details: parsed.error.issues } });
    }
    calls.push({ method: m.method, input: parsed.data });
    const handler = (host.handlers as Record<string, ((i: unknown) => unknown) | undefined>)[m.method];
    if (!handler) return reply({ t: 'res', id: m.id, ok: false, error: { code: 'INTERNAL', msg: { key: 'rpc.internal', params: { ref: `not faked: ${m.method}` } }, ref: 'fake' } });
    try {
      const value = proc.output.parse(await handler(parsed.data));
      reply({ t: 'res', id: m.id, ok: true, value });
    } catch (e) {
      const error = e instanceof AppError ? e.toShape() : { code: 'INTERNAL' as const, msg: { key: 'rpc.internal' as const, params: { ref: String(e).slice(0, 200) } }, ref: 'fake' };
      reply({ t: 'res', id: m.id, ok: false, error });
    }
  });

  const host: FakeHost = {
    api: createRpcClient<Contract, Events>(clientSide, { timeoutMs: 2000 }),
    calls,
    handlers,
    emit: (name, payload) => hostSide.send({ t: 'evt', name, payload }),
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.input),
  };
  return host;
}

/** Lets queued microtasks (memory transport hops) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((r) => setTimeout(r, 0));
}
