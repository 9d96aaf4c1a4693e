import { PRINT_COMPONENT_PORTS } from '#shared/contract/devices.contract';
import { createPrintComponent, type PrintComponent, type PrintComponentOptions } from './print-component';

/**
 * 菜鸟打印组件 (research/providers.md §3.1): ws://127.0.0.1:13528, or wss://…:13529 for clients
 * that must use TLS. We connect to 127.0.0.1 rather than `localhost` so a resolver never sends
 * the waybill anywhere else.
 */
export const CAINIAO_PORTS = PRINT_COMPONENT_PORTS.cainiao;

export const cainiaoComponentUrl = (secure: boolean): string =>
  secure ? `wss://127.0.0.1:${CAINIAO_PORTS.wss}` : `ws://127.0.0.1:${CAINIAO_PORTS.ws}`;

export type CainiaoComponentOptions = Omit<PrintComponentOptions, 'url'> & { url?: string; secure?: boolean };

export function createCainiaoComponent(options: CainiaoComponentOptions): PrintComponent {
  return createPrintComponent(
    {
      name: 'cainiao',
      printExtras: {},
      // cainiao.waybill.ii.get's print_data, key for key: templateURL with a capital URL.
      encryptedContent: (d) => ({ encryptedData: d.encryptedData, signature: d.signature, templateURL: d.templateUrl, ver: d.ver }),
      reportFailures: { notifyOnTaskFailure: true },
    },
    { ...options, url: options.url ?? cainiaoComponentUrl(options.secure ?? false) },
  );
}
