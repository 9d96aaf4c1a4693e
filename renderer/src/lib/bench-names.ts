import type { TFunction } from 'i18next';
import type { BenchRef } from '#shared/contract/common';
import { benchNameKey, sayName, userNameKey, type NameSaid } from '#shared/domain/factory-names';
import { hostText } from './host-text';

/** A bench by its name (the hub's supervisor desk in the reader's language); the reader's own is "this bench", whatever it is called. */
export const benchName = (t: TFunction, bench: BenchRef): string => (bench.thisBench ? t('users.thisBench') : storedBenchName(t, bench.name));

/** A bench's name as stored: the name Packdesk gave the supervisor desk is said in the reader's language, a typed one as typed. */
export const storedBenchName = (t: TFunction, name: string): string => {
  const key = benchNameKey(name);
  return key === null ? name : t(key);
};

/** A name the host sent as it is to be said (a list's packer, a return's receiver), in the reader's language. */
export const saidName = (t: TFunction, name: NameSaid): string => sayName((m) => hostText(t, m), name);

/** A person's name: the factory administrator's own name in the reader's language, a typed one as typed. */
export const personName = (t: TFunction, user: { name: string; factoryAdmin?: boolean | undefined }): string => {
  const key = userNameKey(user.name, user.factoryAdmin === true);
  return key === null ? user.name : t(key);
};

/**
 * A user's name, with the bench for a factory administrator: every bench has one, all named alike,
 * so "管理员" alone would not say whose PIN it was. Only a factory administrator has a bench.
 */
export const userName = (t: TFunction, user: { name: string; bench: BenchRef | null }): string => {
  const name = personName(t, { name: user.name, factoryAdmin: user.bench !== null });
  return user.bench === null ? name : t('users.withBench', { name, bench: benchName(t, user.bench) });
};

/** The logged-in user (top bar, lock screen): another bench's factory administrator with that bench, so a shared 0000 says whose it opened. */
export const sessionUserName = (t: TFunction, user: { name: string; factoryAdmin?: boolean | undefined; otherBench?: string | null | undefined }): string => {
  const name = personName(t, user);
  return user.otherBench ? t('users.withBench', { name, bench: storedBenchName(t, user.otherBench) }) : name;
};
