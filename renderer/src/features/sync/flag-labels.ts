import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { flagKinds } from '#shared/ops/index';
import type { Flag } from '#shared/contract/sync.contract';
import { storedBenchName } from '../../lib/bench-names';

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

/** Station names where the hub knows them (the hub by its own name), otherwise a short id. */
export function flagStations(t: TFunction, flag: Flag): string {
  const name = (id: string, i: number) => (id === HUB_AUTHOR ? t('sync.hubName') : (flag.stationNames[i] ? storedBenchName(t, flag.stationNames[i]) : id.slice(0, 8)));
  return flag.stationIds.map(name).join(t('common.listSep')) || '—';
}
