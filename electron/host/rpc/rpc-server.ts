import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorShape } from '#shared/contract/errors';
import type { ContractShape, EventsShape, Handlers } from '#shared/rpc/define';
import type { RpcMessage, RpcRequest, RpcResponse, Transport } from '#shared/rpc/protocol';
import type { z } from 'zod';

export type RpcServerOptions<C extends ContractShape, E extends EventsShape, Ctx> = {
  contract: C;
  events: E;
  handlers: Handlers<C, Ctx>;
  context: Ctx;
  /** Parse outputs too: catches contract drift in development and tests. */
  validateOutput: boolean;
  log?: (line: string, error?: unknown) => void;
};

export type EmitOptions = {
  /**
   * Leave out the window whose request is being handled: its answer already carries this (the
   * bench state a scan returns), so it would otherwise apply the same thing twice.
   */
  exceptCaller?: boolean;
};

export type RpcServer<E extends EventsShape> = {
  /** Serves requests arriving on a transport until it closes; returns a detach function. */
  attach(transport: Transport): () => void;
  emit<K extends keyof E & string>(name: K, payload: z.input<E[K]>, options?: EmitOptions): void;
  /** Handles one request directly (used by the CLI and benchmarks: the same path as the wire). */
  dispatch(request: RpcRequest): Promise<RpcResponse>;
};

/**
 * Dispatches wire requests to the exhaustive handler map. Inputs are always validated here; nothing
 * throws across the boundary: expected failures pass through as AppError shapes, anything else
 * becomes INTERNAL with a logged reference the user can quote.
 */
export function createRpcServer<C extends ContractShape, E extends EventsShape, Ctx>(
  options: RpcServerOptions<C, E, Ctx>,
): RpcServer<E> {
  const { contract, handlers, context, log = () => {} } = options;
  const transports = new Set<Transport>();
  // The transport whose request is being handled, through every await of its handler.
  const caller = new AsyncLocalStorage<Transport>();

  async function dispatch(request: RpcRequest): Promise<RpcResponse> {
    const fail = (error: AppError | AppErrorShape): RpcResponse => ({
      t: 'res',
      id: request.id,
      ok: false,
      error: error instanceof AppError ? error.toShape() : error,
    });
    const procedure = Object.hasOwn(contract, request.method) ? contract[request.method] : undefined;
    if (!procedure) return fail(new AppError('UNKNOWN_METHOD', { key: 'rpc.unknownMethod', params: { method: request.method.slice(0, 80) } }));
    const parsed = procedure.input.safeParse(request.input ?? {});
    if (!parsed.success) {
      return fail(new AppError('INVALID_INPUT', { key: 'rpc.invalidInput', params: { issues: describeIssues(parsed.error.issues) } }, parsed.error.issues));
    }
    try {
      const handler = handlers[request.method as keyof C] as (input: unknown, ctx: Ctx) => unknown;
      const value: unknown = await handler(parsed.data, context);
      if (options.validateOutput) procedure.output.parse(value);
      return { t: 'res', id: request.id, ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      const ref = randomUUID().slice(0, 8);
      log(`[rpc] ${request.method} failed (ref ${ref})`, error);
      return fail({ code: 'INTERNAL', msg: { key: 'rpc.internal', params: { ref } }, ref });
    }
  }

  return {
    dispatch,
    attach(transport) {
      transports.add(transport);
      const off = transport.onMessage((message: RpcMessage) => {
        if (message.t !== 'req') return;
        void caller.run(transport, () => dispatch(message)).then((response) => transport.send(response));
      });
      const offClose = transport.onClose?.(() => transports.delete(transport));
      return () => {
        off();
        offClose?.();
        transports.delete(transport);
      };
    },
    emit(name, payload, options) {
      const message: RpcMessage = { t: 'evt', name, payload };
      const skip = options?.exceptCaller ? caller.getStore() : undefined;
      transports.forEach((t) => t !== skip && t.send(message));
    },
  };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
