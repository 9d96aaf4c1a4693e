import { join } from 'node:path';
import { AppError } from '#shared/contract/errors';
import {
  printComponentsConfigSchema,
  printerConfigSchema,
  type ComponentPrinters,
  type PrintComponentsConfig,
  type PrinterConfig,
} from '#shared/contract/devices.contract';
import type { PrintComponentName, WaybillProviderName } from '../providers.port';
import { asAppError, componentClient, componentForProvider, createComponentPrinter, type ComponentDefaults, type ComponentPrinter } from './component-printer';
import { printerConfigProblem } from '#shared/domain/printer-target';
import { ensurePrivateDir } from '../private-files';
import type { SettingsRepo } from '../settings/settings.repo';
import { createPrinter, type PrinterDefaults } from './printer-factory';
import { listSystemPrinters, type SystemPrinting } from './system-printer';
import type { LabelPrinter } from './printer.port';

// A fresh station saves PNG labels into its data folder, so printing does something real with no hardware.
const defaultPrinter = printerConfigSchema.parse({ kind: 'png' });

/** Refuses a configuration that would send labels anywhere but a printer (see printer-target). */
function usable(config: PrinterConfig): PrinterConfig {
  const problem = printerConfigProblem(config);
  if (problem) throw new AppError('INVALID_INPUT', problem.message, { field: problem.field });
  return config;
}

/** The configured label printer; the adapter is built once per configuration, not per label. */
export function createDevicesService(deps: {
  settings: SettingsRepo;
  dataDir: string;
  system?: SystemPrinting;
  timeouts?: PrinterDefaults['timeouts'];
  /** The print components' addresses and timeouts (tests: their fakes). */
  components?: ComponentDefaults;
}) {
  const labelsFolder = join(deps.dataDir, 'labels');
  // Labels carry receivers' names and addresses.
  ensurePrivateDir(labelsFolder);
  let config: PrinterConfig = deps.settings.get('printer', printerConfigSchema.default(defaultPrinter));
  let printer: LabelPrinter | null = null;
  // Stations saved before the print components existed read as both components off.
  let components: PrintComponentsConfig = deps.settings.get('printComponents', printComponentsConfigSchema.prefault({}));
  const componentPrinters = new Map<PrintComponentName, ComponentPrinter>();
  const componentDefaults = deps.components ?? {};
  const defaults: PrinterDefaults = { labelsFolder, ...(deps.system ? { system: deps.system } : {}), ...(deps.timeouts ? { timeouts: deps.timeouts } : {}) };
  return {
    labelsFolder,
    getConfig: () => config,
    setConfig(next: PrinterConfig): PrinterConfig {
      config = usable(printerConfigSchema.parse(next));
      deps.settings.set('printer', config);
      printer = null;
      return config;
    },
    /** The configured printer, or one for `override` (a test print); either is checked before use. */
    printer(override?: PrinterConfig): LabelPrinter {
      if (override) return createPrinter(usable(override), defaults);
      // A saved configuration from an older version is checked too: it fails here, not at a port.
      printer ??= createPrinter(usable(config), defaults);
      return printer;
    },
    getComponents: () => components,
    setComponents(next: PrintComponentsConfig): PrintComponentsConfig {
      components = printComponentsConfigSchema.parse(next);
      deps.settings.set('printComponents', components);
      componentPrinters.clear();
      return components;
    },
    /** The printers a component offers (asked now, over its WebSocket). */
    async listComponentPrinters(name: PrintComponentName, secure: boolean): Promise<ComponentPrinters> {
      try {
        return await componentClient(name, components, componentDefaults, secure).getPrinters();
      } catch (error) {
        throw asAppError(error);
      }
    },
    /** The component printer for a provider's waybills, or null when the provider's labels are ours to render. */
    componentPrinterFor(provider: WaybillProviderName): ComponentPrinter | null {
      const name = componentForProvider(provider);
      if (!name) return null;
      let printer = componentPrinters.get(name);
      if (!printer) componentPrinters.set(name, (printer = createComponentPrinter(name, components, componentDefaults)));
      return printer;
    },
    /** The operating system's printers (CUPS queues, Windows printers, or Electron's list). */
    listSystemPrinters: () => listSystemPrinters(deps.system ?? {}),
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
