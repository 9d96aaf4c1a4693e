import { z } from 'zod';
import { contract, type Events } from '#shared/contract/index';
import type { AppErrorShape } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { RpcMessage, Transport } from '#shared/rpc/protocol';
import type { RpcServer } from '../rpc/rpc-server';
import { callerUser } from '../session/caller-user';
import { DESK_EVENTS, DESK_METHODS } from './desk-allowlist';

/** A phone waits for its answers; more at once than this is a misbehaving client. */
const MAX_IN_FLIGHT = 8;

const requestSchema = z.object({ t: z.literal('req'), id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), method: z.string().max(100), input: z.unknown() });

export type DeskConnection = {
  /** The connection's login, checked afresh on every request: null once it ended or expired. */
  user(): string | null;
  /** The user is still an active supervisor or admin of the shop. */
  allowed(userId: string): boolean;
  /** Ends the connection (the session is over). */
  close(): void;
};

/**
 * Serves one phone's WebSocket: each request is checked (shape, session, allowlist, how many wait)
 * and then dispatched through the station's own RPC server as the phone's user, so the handlers,
 * their role checks and the ops they record are the bench's, with the phone's user id. Events
 * reach the phone only from the allowlist. Nothing a client sends can throw out of here.
 */
export function serveDeskConnection(server: RpcServer<Events>, transport: Transport, connection: DeskConnection, log: (line: string, error?: unknown) => void): void {
  // Registered for events only: requests never reach the server's own loop, they go through here.
  const detach = server.attach({
    send: (message) => {
      if (message.t === 'evt' && DESK_EVENTS.has(message.name as keyof Events & string)) transport.send(message);
    },
    onMessage: () => () => undefined,
  });
  const offClose = transport.onClose?.(() => {
    detach();
    offMessage();
    offClose?.();
  });
  let inFlight = 0;

  const answer = (id: number, error: AppErrorShape) => transport.send({ t: 'res', id, ok: false, error });

  const offMessage = transport.onMessage((message: RpcMessage) => {
    if (typeof message !== 'object' || message === null || message.t !== 'req') return;
    const request = requestSchema.safeParse(message);
    if (!request.success) {
      const id = (message as { id?: unknown }).id;
      if (typeof id === 'number' && Number.isSafeInteger(id)) answer(id, { code: 'INVALID_INPUT', msg: msg('desk.badRequest') });
      return;
    }
    const { id, method } = request.data;
    const userId = connection.user();
    if (userId === null || !connection.allowed(userId)) {
      answer(id, { code: 'FORBIDDEN', msg: msg('desk.sessionEnded') });
      connection.close();
      return;
    }
    if (!Object.hasOwn(contract, method)) return answer(id, { code: 'UNKNOWN_METHOD', msg: msg('rpc.unknownMethod', { method: method.slice(0, 80) }) });
    if (!DESK_METHODS.has(method as keyof typeof contract)) return answer(id, { code: 'FORBIDDEN', msg: msg('desk.notOnPhone', { method }) });
    if (inFlight >= MAX_IN_FLIGHT) return answer(id, { code: 'CONFLICT', msg: msg('desk.busy') });
    inFlight++;
    void callerUser
      .run(userId, () => server.dispatch({ t: 'req', id, method, input: request.data.input }))
      .then((response) => transport.send(response))
      .catch((error: unknown) => {
        // dispatch answers every failure itself; this is a bug in the gateway, said as INTERNAL.
        log('[desk] a phone request failed', error);
        answer(id, { code: 'INTERNAL', msg: msg('rpc.internal', { ref: 'desk' }) });
      })
      .finally(() => inFlight--);
  });
}
