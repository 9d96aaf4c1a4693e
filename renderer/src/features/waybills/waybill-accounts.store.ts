import { create } from 'zustand';
import type { Message } from '#shared/i18n/message';
import type { Providers } from '#shared/contract/waybills.contract';
import type { WaybillProviderName } from '#shared/domain/e-waybill';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { keysFromDraft, type AccountDraft } from './provider-fields';
import { useWaybillsStore } from './waybills.store';

/** The admin's e-waybill accounts: entered (never read back), removed, and checked against the provider. */
type AccountsStore = {
  saving: boolean;
  saved: boolean;
  testing: boolean;
  /** The last 测试连接 answer, for the provider it was asked for. */
  tested: { provider: WaybillProviderName; ok: boolean; message: Message | null } | null;
  error: UiError | null;
  save(provider: WaybillProviderName, draft: AccountDraft): Promise<boolean>;
  remove(provider: WaybillProviderName): Promise<boolean>;
  test(provider: WaybillProviderName): Promise<void>;
  reset(): void;
};

/** The panel shows the same providers: a saved or removed account changes what 取号 can ask. */
const share = (providers: Providers) => {
  useWaybillsStore.setState({ providers });
  void useWaybillsStore.getState().load();
};

export const useWaybillAccountsStore = create<AccountsStore>()((set) => {
  /** Saves or removes an account; the answer is the providers as they now stand. */
  async function change(run: () => Promise<Providers>, savedAfter: boolean): Promise<boolean> {
    set({ saving: true, saved: false, error: null, tested: null });
    try {
      share(await run());
      set({ saved: savedAfter });
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  }
  return {
    saving: false,
    saved: false,
    testing: false,
    tested: null,
    error: null,
    save: (provider, draft) => change(() => getApi().call('waybills.saveKeys', { provider, keys: keysFromDraft(provider, draft) }), true),
    remove: (provider) => change(() => getApi().call('waybills.removeKeys', { provider }), false),
    async test(provider) {
      set({ testing: true, error: null, tested: null });
      try {
        const answer = await getApi().call('waybills.test', { provider });
        set({ tested: { provider, ...answer } });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ testing: false });
      }
    },
    reset: () => set({ saved: false, error: null, tested: null }),
  };
});
