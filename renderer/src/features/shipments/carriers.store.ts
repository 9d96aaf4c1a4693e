import { create } from 'zustand';
import type { z } from 'zod';
import type { Carrier, CarrierRule, poolImportReportSchema } from '#shared/contract/carriers.contract';
import type { FileInput } from '#shared/contract/common';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

export type PoolImportReport = z.infer<typeof poolImportReportSchema>;
/** Numbers typed or pasted into the page, or an uploaded file (sent as bytes, so the station decodes it strictly). */
export type PoolSource = { text: string } | { file: FileInput };

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
  importPool(carrierCode: string, source: PoolSource): Promise<boolean>;
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
  async importPool(carrierCode, source) {
    set({ importing: true, poolReport: null, poolError: null });
    try {
      const poolReport = await getApi().call('carriers.importPool', { carrierCode, ...source });
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
