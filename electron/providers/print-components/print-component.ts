import { randomUUID } from 'node:crypto';
import { customAreaData, printersReplySchema, printReplySchema, type CustomArea } from './component.wire';
import { ComponentSession, componentError, DEFAULT_TIMEOUTS, PrintComponentError, type ComponentTimeouts, type PrintComponentName } from './component-session';

/** The encrypted print data a platform issued with the waybill (IssuedWaybill.printData), passed through as is. */
export type PlatformPrintData = { encryptedData: string; signature: string; templateUrl: string; ver: string };

/** One waybill to print: the platform's encrypted layer and, when the seller has a custom-area template, ours. */
export type ComponentDocument = {
  /** The waybill number: the component reports results per document by this id. */
  documentId: string;
  printData: PlatformPrintData;
  customArea: CustomArea | null;
};

export type ComponentPrinter = { name: string; enabled: boolean; isDefault: boolean };
export type ComponentPrintResult = { printer: string; taskId: string; bytes: number };

/** A platform print component, reached over its local WebSocket. */
export interface PrintComponent {
  readonly name: PrintComponentName;
  readonly url: string;
  /** The printers the component can print to (Windows printers, as it sees them). */
  getPrinters(): Promise<{ printers: ComponentPrinter[]; defaultPrinter: string | null }>;
  /**
   * Prints one document as one task (the docs advise one document per task against double prints)
   * on `printer` ('' = the component's default), and resolves once the component reports it
   * printed. Throws PrintComponentError.
   */
  print(printer: string, document: ComponentDocument): Promise<ComponentPrintResult>;
}

/** Where the components differ (research/providers.md §4.1 table): the rest of the protocol is shared. */
export type ComponentDialect = {
  name: PrintComponentName;
  /** Extra top-level keys of a print request (拼多多: ISVName, ERPId). */
  printExtras: Record<string, string>;
  /** The encrypted layer, with the key spelling the component expects. */
  encryptedContent(data: PlatformPrintData): Record<string, string>;
  /** setGlobalConfig body that asks for `failed` results too (otherwise a failed task is silent). */
  reportFailures: Record<string, boolean>;
};

export type PrintComponentOptions = {
  /** ws://127.0.0.1:<port> or wss://…; tests point it at a fake. */
  url: string;
  /** The seller's custom-area template (自定义区) URL; '' prints no custom area. */
  customAreaTemplateUrl: string;
  timeouts?: Partial<ComponentTimeouts>;
};

export function createPrintComponent(dialect: ComponentDialect, options: PrintComponentOptions): PrintComponent {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const { name } = dialect;
  const { url } = options;

  const withSession = async <T>(work: (session: ComponentSession) => Promise<T>): Promise<T> => {
    const session = await ComponentSession.open(name, url, timeouts);
    try {
      return await work(session);
    } finally {
      session.close();
    }
  };

  return {
    name,
    url,
    getPrinters: () =>
      withSession(async (session) => {
        const { reply } = await session.request('getPrinters', {}, printersReplySchema, timeouts.replyMs);
        if (reply.status === 'failed') throw componentError(name, 'refused', { reason: reply.msg ?? '' });
        const defaultPrinter = reply.defaultPrinter || null;
        const printers = (reply.printers ?? []).map((p) => ({ name: p.name, enabled: p.status !== 'disable', isDefault: p.name === defaultPrinter }));
        return { printers, defaultPrinter };
      }),

    print: (printer, document) =>
      withSession(async (session) => {
        session.tell('setGlobalConfig', dialect.reportFailures);
        const taskID = `packdesk-${randomUUID()}`;
        const contents: Array<Record<string, unknown>> = [dialect.encryptedContent(document.printData)];
        if (document.customArea && options.customAreaTemplateUrl) {
          contents.push({ data: customAreaData(document.customArea), templateURL: options.customAreaTemplateUrl });
        }
        const task = { taskID, preview: false, printer, documents: [{ documentID: document.documentId, contents }] };
        const wait = session.awaitResult(taskID, timeouts.replyMs + timeouts.resultMs);
        // Awaited below; until then a failing session must not make it an unhandled rejection.
        wait.result.catch(() => undefined);
        // A session that failed already (an unreadable reply to setGlobalConfig) sends nothing more.
        if (session.failed) throw session.failed;
        // From here on the task may have reached the printer: an error says so.
        let sent = 0;
        try {
          const { reply, bytes } = await session.request('print', { ...dialect.printExtras, task }, printReplySchema, timeouts.replyMs);
          sent = bytes;
          if (reply.status === 'failed') {
            wait.cancel();
            throw componentError(name, 'refused', { reason: reply.msg ?? '' });
          }
          const notify = await wait.result;
          const failedDoc = notify.printStatus?.find((d) => d.status === 'failed' || d.status === 'canceled');
          if (notify.taskStatus !== 'printed' || failedDoc) {
            const reason = failedDoc?.msg ?? notify.printStatus?.find((d) => d.msg)?.msg ?? notify.taskStatus;
            throw componentError(name, 'failed', { printer: notify.printer || printer, reason });
          }
          return { printer: notify.printer || printer, taskId: taskID, bytes: sent };
        } catch (error) {
          wait.cancel();
          throw asMayHavePrinted(error);
        }
      }),
  };
}

/** Once a print request left, silence, a dropped line or garbage leave the label's fate unknown. */
function asMayHavePrinted(error: unknown): unknown {
  if (!(error instanceof PrintComponentError) || error.mayHavePrinted) return error;
  if (error.kind === 'timeout' || error.kind === 'dropped' || error.kind === 'unreadable') return new PrintComponentError(error.kind, error.msg, true);
  return error;
}
