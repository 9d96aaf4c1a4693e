import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { currentOpVersion, opLabel, ops, readOp, textBytes, type OpPayload, type OpType } from '#shared/ops/index';

/**
 * A payload held to its op module's schema and size cap, and the JSON the outbox keeps. Pure (no
 * database): the op recorder calls it for every op, and the import's parse worker calls it for
 * each `order.imported` payload so the main thread only writes.
 */
export function validateOpPayload<T extends OpType>(type: T, payload: OpPayload<T>): { parsed: OpPayload<T>; json: string } {
  // The size is checked on the text the outbox keeps, below: measuring the input too would cost an import a second serialisation.
  const read = readOp(type, currentOpVersion(type), payload, 0);
  if (read.kind !== 'known') {
    throw new AppError('INVALID_INPUT', read.kind === 'invalid' ? read.reason : msg('opRefusal.unreadableVersion', { type: opLabel(type), version: currentOpVersion(type) }));
  }
  const parsed = read.payload as OpPayload<T>;
  const json = JSON.stringify(parsed);
  const max = ops[type].maxBytes;
  // At most 3 UTF-8 bytes per UTF-16 unit: most ops need no counting.
  if (json.length * 3 > max && textBytes(json) > max) throw new AppError('INVALID_INPUT', msg('opRefusal.tooLarge', { type: opLabel(type), bytes: textBytes(json), max }));
  return { parsed, json };
}
