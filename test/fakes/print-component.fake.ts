import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A platform print component on loopback, speaking the documented JSON over WebSocket
 * (research/providers.md §3.1, §4.1): `getPrinters`, `setGlobalConfig`, and `print` answered with
 * the task accepted, then `notifyPrintResult` pushed for the task. It checks what it is sent the
 * way the component would (header, one known printer, every content layer either encrypted data
 * with its template or plain data with a template URL) and records every frame. The two
 * components' differences come in as a dialect (cainiao-component.fake.ts, pdd-component.fake.ts).
 *
 * Outcomes of the next prints:
 * - printed: the task prints; failed: the printer fails it (a result only if failure results were
 *   asked for with setGlobalConfig, as the docs say); refuse: print answered status:"failed";
 * - silent: requests are read and never answered; no-result: print accepted, no result ever;
 * - drop: the connection is closed on the print request;
 * - hostile: the next request is answered with the given raw frames instead.
 */
export type FakeOutcome = 'printed' | 'failed' | 'refuse' | 'silent' | 'no-result' | 'drop';

export type FakeComponentDialect = {
  /** The encrypted layer's template key: templateURL (菜鸟) or templateUrl (拼多多). */
  encryptedTemplateKey: 'templateURL' | 'templateUrl';
  /** Task states pushed for a printed task (菜鸟: rendered, printed). */
  printedStates: string[];
  /** The setGlobalConfig switch that turns failure results on. */
  failureSwitch: string;
  /** Top-level keys a print request must carry (拼多多: ISVName, ERPId). */
  printKeys: string[];
};

export type HostileFrames = Array<string | Buffer> | ((request: Record<string, unknown>) => Array<string | Buffer>);

export type FakeComponentOptions = {
  printers?: Array<{ name: string; status?: 'enable' | 'disable' }>;
  defaultPrinter?: string;
  /** Serve wss with a self-signed certificate, as the component's TLS port does. */
  secure?: boolean;
  /** Listen on this port (the component's own, for a station that cannot be pointed elsewhere); default: any free one. */
  port?: number;
};

export type FakePrintComponent = {
  readonly url: string;
  /** Every frame received, parsed (raw text when it was not JSON). */
  readonly received: unknown[];
  /** The print requests the component accepted. */
  readonly prints: Array<Record<string, unknown>>;
  /** What the component would have refused as malformed. */
  readonly problems: string[];
  setOutcome(outcome: FakeOutcome, reason?: string): void;
  /** Wait this long before each reply and each result (a slow component). */
  setDelayMs(ms: number): void;
  /** Answer the next request with these frames, as they are (or made from the request, to echo its requestID). */
  sendHostile(frames: HostileFrames): void;
  close(): Promise<void>;
};

export async function startFakePrintComponent(dialect: FakeComponentDialect, options: FakeComponentOptions = {}): Promise<FakePrintComponent> {
  const printers = options.printers ?? [{ name: 'Deli DL-888T', status: 'enable' }, { name: 'Xprinter XP-420B', status: 'enable' }];
  const defaultPrinter = options.defaultPrinter ?? printers[0]?.name ?? '';
  const received: unknown[] = [];
  const prints: Array<Record<string, unknown>> = [];
  const problems: string[] = [];
  let outcome: FakeOutcome = 'printed';
  let reason = '打印机缺纸';
  let delayMs = 0;
  let hostile: HostileFrames | null = null;

  let tls: https.Server | null = null;
  let wss: WebSocketServer;
  if (options.secure) {
    const { generate } = await import('selfsigned');
    const made = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
    tls = https.createServer({ key: made.private, cert: made.cert });
    wss = new WebSocketServer({ server: tls });
    await new Promise<void>((resolve) => tls!.listen(options.port ?? 0, '127.0.0.1', resolve));
  } else {
    wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
    await new Promise<void>((resolve, reject) => (wss.once('listening', resolve), wss.once('error', reject)));
  }
  const port = ((tls ?? wss).address() as AddressInfo).port;

  const later = (fn: () => void) => setTimeout(fn, delayMs);
  const send = (socket: WebSocket, frame: unknown) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(frame));

  wss.on('connection', (socket) => {
    const settings: Record<string, unknown> = {};
    socket.on('message', (data, isBinary) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(text) as Record<string, unknown>;
      } catch {
        received.push(text);
        problems.push('not JSON');
        return;
      }
      received.push(frame);
      if (isBinary) problems.push('binary frame');
      const { cmd, requestID } = frame;
      if (typeof cmd !== 'string' || typeof requestID !== 'string' || frame['version'] !== '1.0') problems.push(`bad header: ${text.slice(0, 100)}`);
      if (hostile) {
        const frames = typeof hostile === 'function' ? hostile(frame) : hostile;
        hostile = null;
        return later(() => frames.forEach((f) => socket.send(f)));
      }
      if (outcome === 'silent') return;
      const reply = (extra: Record<string, unknown>) => later(() => send(socket, { cmd, requestID, ...extra }));
      switch (cmd) {
        case 'getPrinters':
          return reply({ status: 'success', msg: '', defaultPrinter, printers });
        case 'setGlobalConfig':
          Object.assign(settings, frame);
          return reply({ status: 'success', msg: '' });
        case 'print':
          return onPrint(socket, frame, settings, reply);
        default:
          return reply({ status: 'failed', msg: `unknown cmd ${String(cmd)}` });
      }
    });
  });

  function onPrint(socket: WebSocket, frame: Record<string, unknown>, settings: Record<string, unknown>, reply: (extra: Record<string, unknown>) => void): void {
    if (outcome === 'drop') return void socket.terminate();
    const problem = printProblem(frame);
    if (problem) {
      problems.push(problem);
      return reply({ status: 'failed', msg: problem });
    }
    const task = frame['task'] as { taskID: string; printer: string; documents: Array<{ documentID: string }> };
    const printer = task.printer || defaultPrinter;
    if (!printers.some((p) => p.name === printer && p.status !== 'disable')) return reply({ status: 'failed', msg: '无效的打印机' });
    if (outcome === 'refuse') return reply({ status: 'failed', msg: reason });
    prints.push(frame);
    reply({ status: 'success', msg: '', taskID: task.taskID });
    if (outcome === 'no-result') return;
    const documentID = task.documents[0]?.documentID;
    const notify = (taskStatus: string, status: string, msg: string) =>
      send(socket, { cmd: 'notifyPrintResult', printer, taskID: task.taskID, taskStatus, printStatus: [{ documentID, status, msg, detail: '' }] });
    const failuresOn = settings[dialect.failureSwitch] === true;
    later(() =>
      later(() => {
        if (outcome === 'failed') {
          if (failuresOn) notify('failed', 'failed', reason);
          return;
        }
        for (const state of dialect.printedStates) notify(state, 'success', '');
      }),
    );
  }

  function printProblem(frame: Record<string, unknown>): string | null {
    for (const key of dialect.printKeys) if (typeof frame[key] !== 'string') return `missing ${key}`;
    const task = frame['task'] as Record<string, unknown> | undefined;
    if (!task || typeof task['taskID'] !== 'string' || typeof task['printer'] !== 'string') return 'bad task';
    const documents = task['documents'];
    if (!Array.isArray(documents) || documents.length !== 1) return 'one document per task expected';
    const doc = documents[0] as { documentID?: unknown; contents?: unknown };
    if (typeof doc.documentID !== 'string' || !Array.isArray(doc.contents) || doc.contents.length === 0) return 'bad document';
    for (const content of doc.contents as Array<Record<string, unknown>>) {
      const encrypted = typeof content['encryptedData'] === 'string' && typeof content['signature'] === 'string' && typeof content[dialect.encryptedTemplateKey] === 'string';
      const plain = typeof content['data'] === 'object' && content['data'] !== null && typeof content['templateURL'] === 'string';
      if (!encrypted && !plain) return `bad content: ${JSON.stringify(content).slice(0, 120)}`;
    }
    return null;
  }

  return {
    url: `${options.secure ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    received,
    prints,
    problems,
    setOutcome(next, why) {
      outcome = next;
      if (why) reason = why;
    },
    setDelayMs: (ms) => void (delayMs = ms),
    sendHostile: (frames) => void (hostile = frames),
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (tls) await new Promise<void>((resolve) => tls!.close(() => resolve()));
    },
  };
}
