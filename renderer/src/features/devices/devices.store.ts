import { create } from 'zustand';
import type { PrintResult, PrinterConfig } from '#shared/contract/devices.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type DevicesStore = {
  printer: PrinterConfig | null;
  loading: boolean;
  busy: 'save' | 'test' | 'sheet' | null;
  error: UiError | null;
  lastPrint: PrintResult | null;
  saved: boolean;
  load(): Promise<void>;
  save(config: PrinterConfig): Promise<boolean>;
  testPrint(config: PrinterConfig): Promise<void>;
  printCommandSheet(): Promise<void>;
};

export const useDevicesStore = create<DevicesStore>()((set) => {
  const run = async (busy: 'save' | 'test' | 'sheet', fn: () => Promise<void>): Promise<boolean> => {
    set({ busy, error: null, saved: false, lastPrint: null });
    try {
      await fn();
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ busy: null });
    }
  };
  return {
    printer: null,
    loading: false,
    busy: null,
    error: null,
    lastPrint: null,
    saved: false,
    async load() {
      set({ loading: true, error: null });
      try {
        set({ printer: await getApi().call('devices.getPrinter', {}) });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ loading: false });
      }
    },
    save: (config) =>
      run('save', async () => {
        set({ printer: await getApi().call('devices.setPrinter', config), saved: true });
      }),
    testPrint: async (config) => {
      await run('test', async () => {
        set({ lastPrint: await getApi().call('devices.testPrint', { printer: config }) });
      });
    },
    printCommandSheet: async () => {
      await run('sheet', async () => {
        set({ lastPrint: await getApi().call('labels.printCommandSheet', {}) });
      });
    },
  };
});
