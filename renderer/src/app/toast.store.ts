import { create } from 'zustand';
import type { UiError } from '../api/errors';

/** Short-lived notices ("saved", "printed to …"). Text is an i18n key plus params, localised when shown. */
export type Toast = {
  id: number;
  kind: 'ok' | 'error';
  key?: string;
  params?: Record<string, string | number>;
  error?: UiError;
};

type ToastState = {
  toasts: Toast[];
  ok(key: string, params?: Record<string, string | number>): void;
  fail(error: UiError): void;
  dismiss(id: number): void;
};

let nextId = 1;
const lifetimeMs = { ok: 3500, error: 8000 };

export const useToastStore = create<ToastState>()((set, get) => {
  const push = (toast: Omit<Toast, 'id'>) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { ...toast, id }] });
    setTimeout(() => get().dismiss(id), lifetimeMs[toast.kind]);
  };
  return {
    toasts: [],
    ok: (key, params) => push(params ? { kind: 'ok', key, params } : { kind: 'ok', key }),
    fail: (error) => push({ kind: 'error', error }),
    dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  };
});
