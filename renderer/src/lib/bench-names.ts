import type { TFunction } from 'i18next';
import type { BenchRef } from '#shared/contract/common';

/** A bench by its name; the reader's own is "this bench", whatever it is called. */
export const benchName = (t: TFunction, bench: BenchRef): string => (bench.thisBench ? t('users.thisBench') : bench.name);

/**
 * A user's name, with the bench for a factory administrator: every bench has one, all named alike,
 * so "管理员" alone would not say whose PIN it was.
 */
export const userName = (t: TFunction, user: { name: string; bench: BenchRef | null }): string =>
  user.bench === null ? user.name : t('users.withBench', { name: user.name, bench: benchName(t, user.bench) });
