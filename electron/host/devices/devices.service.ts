import { join } from 'node:path';
import { printerConfigSchema, type PrinterConfig } from '#shared/contract/devices.contract';
import type { SettingsRepo } from '../settings/settings.repo';
import { createPrinter } from './printer-factory';
import type { LabelPrinter } from './printer.port';

// A fresh station saves PNG labels into its data folder, so printing does something real with no hardware.
const defaultPrinter = printerConfigSchema.parse({ kind: 'png' });

/** The configured label printer; the adapter is built once per configuration, not per label. */
export function createDevicesService(deps: { settings: SettingsRepo; dataDir: string }) {
  const labelsFolder = join(deps.dataDir, 'labels');
  let config: PrinterConfig = deps.settings.get('printer', printerConfigSchema.default(defaultPrinter));
  let printer: LabelPrinter | null = null;
  return {
    labelsFolder,
    getConfig: () => config,
    setConfig(next: PrinterConfig): PrinterConfig {
      config = printerConfigSchema.parse(next);
      deps.settings.set('printer', config);
      printer = null;
      return config;
    },
    printer(override?: PrinterConfig): LabelPrinter {
      if (override) return createPrinter(override, { labelsFolder });
      printer ??= createPrinter(config, { labelsFolder });
      return printer;
    },
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
