import { useTranslation } from 'react-i18next';
import { flagKinds } from '#shared/ops/index';
import type { Flag } from '#shared/contract/sync.contract';

/** Kinds where goods or a waybill may already be out the door twice: shown red, the rest amber. */
const severeKinds = new Set<string>(['ship.double', 'ship.after-cancel', 'waybill.reused']);

export function isSevereFlag(kind: string): boolean {
  return severeKinds.has(kind);
}

/** A flag kind in words; a kind from a newer hub that this version does not know shows as it is. */
export function useFlagKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => ((flagKinds as readonly string[]).includes(kind) ? t(`flagKinds.${kind}`) : kind);
}

/** Station names where the hub knows them, otherwise a short id. */
export function flagStations(flag: Flag): string {
  return flag.stationIds.map((id, i) => flag.stationNames[i] || id.slice(0, 8)).join('、') || '—';
}
