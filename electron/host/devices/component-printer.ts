import { AppError } from '#shared/contract/errors';
import type { PrintComponentsConfig, PrintResult } from '#shared/contract/devices.contract';
import { msg } from '#shared/i18n/message';
import {
  cainiaoComponentUrl,
  createCainiaoComponent,
  createPddComponent,
  pddComponentUrl,
  PrintComponentError,
  type ComponentTimeouts,
  type CustomArea,
  type PlatformPrintData,
  type PrintComponent,
  type PrintComponentName,
  type WaybillProviderName,
} from '../providers.port';
import { DELIVERY_UNKNOWN } from './printer.port';

/** Where the components listen; production uses their documented ports, tests their fakes. */
export type ComponentEndpoints = Partial<Record<PrintComponentName, { ws: string; wss: string }>>;
export type ComponentDefaults = { endpoints?: ComponentEndpoints; timeouts?: Partial<ComponentTimeouts> };

/** A platform-issued waybill to print: its number, the encrypted print data as issued, our custom area. */
export type ComponentPrintJob = { trackingNo: string; printData: PlatformPrintData; customArea: CustomArea | null };

/**
 * A print component as the station's printer for one platform's e-waybills. It prints only those:
 * their print data is encrypted and only the component renders it. Rejects with an AppError:
 * DEVICE_UNAVAILABLE when the component is not running or does not answer, PRINT_FAILED when it
 * or the printer refused or failed the task (with DELIVERY_UNKNOWN when the label may be on paper).
 */
export interface ComponentPrinter {
  readonly name: string;
  print(job: ComponentPrintJob): Promise<PrintResult>;
}

/** Which component prints a provider's waybills; null: the provider's labels are ours to render. */
export const componentForProvider = (provider: WaybillProviderName): PrintComponentName | null =>
  provider === 'cainiao' ? 'cainiao' : provider === 'pinduoduo' ? 'pdd' : null;

/** The component's client for a configuration (`secure` picks wss). */
export function componentClient(name: PrintComponentName, config: PrintComponentsConfig, defaults: ComponentDefaults, secure = config[name].secure): PrintComponent {
  const endpoint = defaults.endpoints?.[name];
  const common = { customAreaTemplateUrl: config[name].customAreaTemplateUrl, ...(defaults.timeouts ? { timeouts: defaults.timeouts } : {}) };
  if (name === 'cainiao') {
    return createCainiaoComponent({ ...common, url: endpoint ? (secure ? endpoint.wss : endpoint.ws) : cainiaoComponentUrl(secure) });
  }
  return createPddComponent({ ...common, url: endpoint ? (secure ? endpoint.wss : endpoint.ws) : pddComponentUrl(secure), isvName: config.pdd.isvName, erpId: config.pdd.erpId });
}

export function createComponentPrinter(name: PrintComponentName, config: PrintComponentsConfig, defaults: ComponentDefaults): ComponentPrinter {
  const client = componentClient(name, config, defaults);
  const { printer } = config[name];
  return {
    name: `${name} → ${printer || '(default)'}`,
    async print(job) {
      if (!config[name].enabled) throw new AppError('INVALID_INPUT', msg('printComponent.disabled', { component: msg(`printComponent.names.${name}`) }));
      try {
        const done = await client.print(printer, { documentId: job.trackingNo, printData: job.printData, customArea: job.customArea });
        return { printer: `${name} → ${done.printer || '(default)'}`, bytes: done.bytes, file: null };
      } catch (error) {
        throw asAppError(error);
      }
    },
  };
}

/** A component's failure as the station reports printer failures. */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof PrintComponentError)) return error;
  const details = { component: error.kind, ...(error.mayHavePrinted ? DELIVERY_UNKNOWN : {}) };
  const unavailable = !error.mayHavePrinted && ['not-running', 'unreachable', 'timeout', 'dropped', 'unreadable'].includes(error.kind);
  return new AppError(unavailable ? 'DEVICE_UNAVAILABLE' : 'PRINT_FAILED', error.msg, details);
}
