import type { StoreApi } from 'zustand';
import { useToastStore } from '../../app/toast.store';
import { useAuditStore } from '../audit/audit.store';
import { useClaimsStore } from '../damage/claims.store';
import { useDamageStore } from '../damage/damage.store';
import { useDashboardStore } from '../dashboard/dashboard.store';
import { useHandoverStore } from '../handover/handover.store';
import { useInboxStore } from '../inbox/inbox.store';
import { useReturnsStore } from '../returns/returns.store';

const forget = <S,>(store: StoreApi<S>): void => store.setState(store.getInitialState(), true);

/**
 * Puts every store behind the phone's screens back as it was when the page loaded. A phone passes
 * from one supervisor to the next: what one left open (a report, a half-written note, a PIN prompt,
 * an export line) must not greet the next. A screen that joins the phone with a store adds it here.
 */
export function forgetScreens(): void {
  forget(useInboxStore);
  forget(useDamageStore);
  forget(useClaimsStore);
  forget(useReturnsStore);
  forget(useHandoverStore);
  forget(useDashboardStore);
  forget(useAuditStore);
  forget(useToastStore);
}
