import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Dialog } from './Dialog';

/**
 * The guard on typed edits: a form holding unsaved changes that would be closed (Esc, 取消, the
 * backdrop) or left for another screen asks 放弃未保存的修改？ first. One question for the whole app,
 * shown by <UnsavedPrompt /> (mounted once, in App).
 */
type UnsavedState = {
  /** Forms on screen holding edits. */
  dirty: number;
  /** What runs if the user chooses 放弃. */
  pending: (() => void) | null;
};

const useUnsavedStore = create<UnsavedState>()(() => ({ dirty: 0, pending: null }));

/** Asks before `leave` runs, when some form on screen holds edits (the nav: leaving drops them all). */
export function leaveEdits(leave: () => void): void {
  if (useUnsavedStore.getState().dirty > 0) useUnsavedStore.setState({ pending: leave });
  else leave();
}

/**
 * Marks the calling form as holding edits while `dirty`, and returns its close guarded: with edits it
 * asks first, without it closes at once.
 */
export function useUnsavedEdits(dirty: boolean): (close: () => void) => () => void {
  useEffect(() => {
    if (!dirty) return;
    useUnsavedStore.setState((s) => ({ dirty: s.dirty + 1 }));
    return () => useUnsavedStore.setState((s) => ({ dirty: s.dirty - 1 }));
  }, [dirty]);
  return (close) => () => (dirty ? useUnsavedStore.setState({ pending: close }) : close());
}

export function UnsavedPrompt() {
  const { t } = useTranslation();
  const pending = useUnsavedStore((s) => s.pending);
  if (!pending) return null;
  const keep = () => useUnsavedStore.setState({ pending: null });
  const discard = () => {
    keep();
    pending();
  };
  // Esc and the backdrop keep editing: only the button says 放弃. The focus starts on 继续编辑.
  return (
    <Dialog
      title={t('unsaved.title')}
      onClose={keep}
      testId="unsaved-prompt"
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={keep} data-testid="unsaved-keep">
            {t('unsaved.keep')}
          </button>
          <button type="button" className="btn btn-danger" onClick={discard} data-testid="unsaved-discard">
            {t('unsaved.discard')}
          </button>
        </>
      }
    >
      <p>{t('unsaved.body')}</p>
    </Dialog>
  );
}
