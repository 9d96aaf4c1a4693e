import { PRINT_COMPONENT_PORTS } from '#shared/contract/devices.contract';
import { createPrintComponent, type PrintComponent, type PrintComponentOptions } from './print-component';

/**
 * 拼多多打印组件 (research/providers.md §4.1): ws://127.0.0.1:5000, wss://127.0.0.1:18653. The
 * same command family as 菜鸟's, with the differences that break a copied client: `ISVName` and
 * `ERPId` next to the task, `templateUrl` (lower-case "rl") in the encrypted layer, and
 * `TaskFailedNotify` as the global switch for failure results.
 */
export const PDD_PORTS = PRINT_COMPONENT_PORTS.pdd;

export const pddComponentUrl = (secure: boolean): string => (secure ? `wss://127.0.0.1:${PDD_PORTS.wss}` : `ws://127.0.0.1:${PDD_PORTS.ws}`);

export type PddComponentOptions = Omit<PrintComponentOptions, 'url'> & {
  url?: string;
  secure?: boolean;
  /** Who prints, as 拼多多 knows the software (ISVName); what ERPId means is unverified, so it is configuration. */
  isvName: string;
  erpId: string;
};

export function createPddComponent(options: PddComponentOptions): PrintComponent {
  return createPrintComponent(
    {
      name: 'pdd',
      printExtras: { ISVName: options.isvName, ERPId: options.erpId },
      encryptedContent: (d) => ({ encryptedData: d.encryptedData, signature: d.signature, templateUrl: d.templateUrl, ver: d.ver }),
      reportFailures: { TaskFailedNotify: true },
    },
    { ...options, url: options.url ?? pddComponentUrl(options.secure ?? false) },
  );
}
