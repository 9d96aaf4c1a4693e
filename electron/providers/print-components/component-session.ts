import WebSocket, { type RawData } from 'ws';
import type { z } from 'zod';
import { msg, type Message } from '#shared/i18n/message';
import { FRAME_MAX_BYTES, frameHeaderSchema, notifyPrintResultSchema, PROTOCOL_VERSION, type NotifyPrintResult } from './component.wire';

/** The platform print components we drive: 菜鸟打印组件 and 拼多多打印组件. */
export const printComponentNames = ['cainiao', 'pdd'] as const;
export type PrintComponentName = (typeof printComponentNames)[number];

/**
 * Why a component did not print, as kinds the caller acts on:
 * - not-running: nothing listens on its port (the seller must start or install it);
 * - unreachable: something else answered there, or the handshake failed;
 * - timeout: no reply to a request in time; dropped: the component closed the connection;
 * - unreadable: a frame we cannot read (not JSON, wrong shape, too big);
 * - refused: the component said no to the request (无效的打印机…); failed: the printer failed the task;
 * - no-result: the task was accepted but no print result came in time.
 */
export type PrintComponentErrorKind = 'not-running' | 'unreachable' | 'timeout' | 'dropped' | 'unreadable' | 'refused' | 'failed' | 'no-result';

export class PrintComponentError extends Error {
  constructor(
    readonly kind: PrintComponentErrorKind,
    /** What to tell the user (catalog key + params). */
    readonly msg: Message,
    /** The print request had left when this happened: the label may be on paper. */
    readonly mayHavePrinted = false,
  ) {
    super(`${kind}: ${msg.key} ${JSON.stringify(msg.params ?? {})}`);
    this.name = 'PrintComponentError';
  }
}

export type ComponentTimeouts = {
  /** Connecting and the WebSocket handshake (loopback: a live component answers at once). */
  connectMs: number;
  /** A reply to one request. */
  replyMs: number;
  /** From an accepted print task to its print result (the component fetches the template, renders, spools). */
  resultMs: number;
};
export const DEFAULT_TIMEOUTS: ComponentTimeouts = { connectMs: 3_000, replyMs: 10_000, resultMs: 60_000 };

const componentName = (name: PrintComponentName): Message => msg(`printComponent.names.${name}`);

export function componentError(name: PrintComponentName, kind: PrintComponentErrorKind, params: Record<string, string | number> = {}, mayHavePrinted = false): PrintComponentError {
  const component = componentName(name);
  const message =
    kind === 'not-running'
      ? msg('printComponent.notRunning', { component, url: params['url'] ?? '', hint: msg(`printComponent.download.${name}`) })
      : msg(`printComponent.${kind === 'no-result' ? 'noResult' : kind}`, { component, ...params });
  return new PrintComponentError(kind, message, mayHavePrinted);
}

type Pending = { schema: z.ZodType; resolve(value: unknown): void; reject(error: PrintComponentError): void };
type ResultWaiter = { taskId: string; resolve(notify: NotifyPrintResult): void; reject(error: PrintComponentError): void };

/** Final task states: 菜鸟 also sends `rendered` first, which we wait past. */
const FINAL_TASK_STATES = new Set(['printed', 'failed', 'canceled']);

/**
 * One WebSocket connection to a component: requests matched to replies by requestID, and print
 * results (notifyPrintResult) handed to whoever waits for that task. Any frame we cannot read
 * ends the session with `unreadable`; replies to requests we did not make (another program on the
 * same component, a fire-and-forget request) are ignored.
 */
export class ComponentSession {
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<ResultWaiter>();
  private failure: PrintComponentError | null = null;
  private seq = 0;

  private constructor(
    private readonly name: PrintComponentName,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('close', () => this.fail(componentError(name, 'dropped')));
    // A frame over maxPayload arrives as an error before the close.
    socket.on('error', (error) => this.fail(componentError(name, isTooBig(error) ? 'unreadable' : 'dropped')));
  }

  static open(name: PrintComponentName, url: string, timeouts: ComponentTimeouts): Promise<ComponentSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, {
        handshakeTimeout: timeouts.connectMs,
        maxPayload: FRAME_MAX_BYTES,
        perMessageDeflate: false,
        // wss to the component on 127.0.0.1: it presents its own certificate, which its installer
        // makes Windows (not Node) trust. The peer is this machine; TLS on loopback protects nothing.
        rejectUnauthorized: false,
      });
      const onError = (error: Error) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(isRefused(error) ? componentError(name, 'not-running', { url }) : componentError(name, 'unreachable', { url, reason: reasonOf(error) }));
      };
      socket.once('error', onError);
      socket.once('open', () => {
        socket.off('error', onError);
        resolve(new ComponentSession(name, socket));
      });
    });
  }

  /** Sends a request and resolves with its reply, read with `schema`. */
  request<T>(cmd: string, body: Record<string, unknown>, schema: z.ZodType<T>, timeoutMs: number): Promise<{ reply: T; bytes: number }> {
    if (this.failure) return Promise.reject(this.failure);
    const requestID = this.nextId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestID);
        reject(componentError(this.name, 'timeout', { seconds: Math.ceil(timeoutMs / 1000) }));
      }, timeoutMs);
      const done = () => (clearTimeout(timer), this.pending.delete(requestID));
      this.pending.set(requestID, {
        schema,
        resolve: (reply) => (done(), resolve({ reply: reply as T, bytes })),
        reject: (error) => (done(), reject(error)),
      });
      const bytes = this.sendFrame(cmd, requestID, body);
    });
  }

  /** Sends a request whose reply we do not need (best-effort settings). */
  tell(cmd: string, body: Record<string, unknown>): void {
    if (!this.failure) this.sendFrame(cmd, this.nextId(), body);
  }

  /**
   * Resolves with the task's final print result. Call before sending the task: a component may
   * push the result before its reply to `print`.
   */
  awaitResult(taskId: string, timeoutMs: number): { result: Promise<NotifyPrintResult>; cancel(): void } {
    let cancel: () => void = () => undefined;
    const result = new Promise<NotifyPrintResult>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(componentError(this.name, 'no-result', { seconds: Math.ceil(timeoutMs / 1000) }, true));
      }, timeoutMs);
      const waiter: ResultWaiter = {
        taskId,
        resolve: (n) => (clearTimeout(timer), this.waiters.delete(waiter), resolve(n)),
        reject: (e) => (clearTimeout(timer), this.waiters.delete(waiter), reject(e)),
      };
      cancel = () => (clearTimeout(timer), void this.waiters.delete(waiter));
      this.waiters.add(waiter);
    });
    return { result, cancel: () => cancel() };
  }

  /** Why the session ended, or null while it is usable. */
  get failed(): PrintComponentError | null {
    return this.failure;
  }

  close(): void {
    this.failure ??= componentError(this.name, 'dropped');
    this.socket.removeAllListeners();
    this.socket.on('error', () => undefined);
    this.socket.close();
  }

  private nextId(): string {
    return `packdesk-${process.pid}-${Date.now().toString(36)}-${++this.seq}`;
  }

  private sendFrame(cmd: string, requestID: string, body: Record<string, unknown>): number {
    const frame = JSON.stringify({ cmd, requestID, version: PROTOCOL_VERSION, ...body });
    this.socket.send(frame);
    return Buffer.byteLength(frame);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.failure) return;
    const value = isBinary ? undefined : parseJson(rawText(data));
    const head = frameHeaderSchema.safeParse(value);
    if (!head.success) return this.fail(componentError(this.name, 'unreadable'));
    if (head.data.cmd === 'notifyPrintResult') {
      const notify = notifyPrintResultSchema.safeParse(value);
      if (!notify.success) return this.fail(componentError(this.name, 'unreadable'));
      if (!FINAL_TASK_STATES.has(notify.data.taskStatus)) return;
      for (const waiter of this.waiters) if (waiter.taskId === notify.data.taskID) waiter.resolve(notify.data);
      return;
    }
    const pending = head.data.requestID ? this.pending.get(head.data.requestID) : undefined;
    if (!pending) return;
    const reply = pending.schema.safeParse(value);
    if (!reply.success) return this.fail(componentError(this.name, 'unreadable'));
    pending.resolve(reply.data);
  }

  private fail(error: PrintComponentError): void {
    if (this.failure) return;
    this.failure = error;
    for (const p of [...this.pending.values()]) p.reject(error);
    for (const w of [...this.waiters]) w.reject(error);
    this.socket.terminate();
  }
}

const rawText = (data: RawData): string => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRefused(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return true;
  return error instanceof AggregateError && error.errors.some((e) => (e as NodeJS.ErrnoException).code === 'ECONNREFUSED');
}

const isTooBig = (error: Error): boolean => (error as NodeJS.ErrnoException).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
const reasonOf = (error: Error): string => ((error as NodeJS.ErrnoException).code ?? error.message).slice(0, 200);
