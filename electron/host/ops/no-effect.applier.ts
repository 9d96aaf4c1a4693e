import type { OpType } from '#shared/ops/index';
import type { Applier } from './applier';

/** Ops whose only effect is on the order's status, which the log applier folds for every op. */
export const noEffect = <T extends OpType>(): Applier<T> => ({ apply: () => undefined });
