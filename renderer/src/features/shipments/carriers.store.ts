import { create } from 'zustand';
import type { Carrier, CarrierRule } from '#shared/contract/carriers.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

export type PoolImportReport = {
  added: number;
  duplicates: number;
  errors: { line: number; message: string }[];
  warnings: string[];
  rejected: boolean;
};

type CarriersStore = {
  carriers: Carrier[];
  rules: CarrierRule[];
  defaultCarrier: string | null;
  loading: boolean;
  error: UiError | null;
  poolReport: PoolImportReport | null;
  poolError: UiError | null;
  importing: boolean;
  savingRules: boolean;
  rulesSaved: boolean;
  load(): Promise<void>;
  setEnabled(code: string, enabled: boolean): Promise<void>;
  importPool(carrierCode: string, text: string): Promise<boolean>;
  saveRules(rules: CarrierRule[], defaultCarrier: string | null): Promise<boolean>;
};

export const useCarriersStore = create<CarriersStore>()((set, get) => ({
  carriers: [],
  rules: [],
  defaultCarrier: null,
  loading: false,
  error: null,
  poolReport: null,
  poolError: null,
  importing: false,
  savingRules: false,
  rulesSaved: false,
  async load() {
    set({ loading: true, error: null });
    try {
      const [carriers, rules] = await Promise.all([
        getApi().call('carriers.list', {}),
        getApi().call('carriers.getRules', {}),
      ]);
      set({ carriers, rules: rules.rules, defaultCarrier: rules.defaultCarrier });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async setEnabled(code, enabled) {
    try {
      const updated = await getApi().call('carriers.setEnabled', { code, enabled });
      set({ carriers: get().carriers.map((c) => (c.code === code ? updated : c)) });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
  async importPool(carrierCode, text) {
    set({ importing: true, poolReport: null, poolError: null });
    try {
      const poolReport = await getApi().call('carriers.importPool', { carrierCode, text });
      set({ poolReport });
      if (!poolReport.rejected) set({ carriers: await getApi().call('carriers.list', {}) });
      return !poolReport.rejected;
    } catch (e) {
      set({ poolError: toUiError(e) });
      return false;
    } finally {
      set({ importing: false });
    }
  },
  async saveRules(rules, defaultCarrier) {
    set({ savingRules: true, error: null, rulesSaved: false });
    try {
      const saved = await getApi().call('carriers.saveRules', { rules, defaultCarrier });
      set({ rules: saved.rules, defaultCarrier: saved.defaultCarrier, rulesSaved: true });
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ savingRules: false });
    }
  },
}));
