import type { z } from 'zod';
import type { MessageKey } from '../i18n/catalog';
import { msg, type Message } from '../i18n/message';

const KNOWN = new Set(['invalid_type', 'too_big', 'too_small', 'invalid_format', 'invalid_value', 'unrecognized_keys', 'invalid_union', 'not_multiple_of']);

/** Why a payload failed its schema, as a message naming the op (`opLabel`, or what the sender sent) and the field. */
export function opProblem(type: Message | string, issues: readonly z.core.$ZodIssue[]): Message {
  const issue = issues[0];
  // A path can hold a key the sender chose (an audit's detail): it reaches every supervisor's flag
  // list, so anything but printable ASCII (a NUL, a bidi override) is shown as '?'.
  const field = issue?.path.map(String).join('.').replace(/[^\x20-\x7e]/g, '?') || '—';
  const problem: MessageKey = issue?.message.startsWith('opProblem.')
    ? (issue.message as MessageKey)
    : KNOWN.has(issue?.code ?? '')
      ? (`opProblem.${issue?.code}` as MessageKey)
      : 'opProblem.invalid';
  return msg('opRefusal.invalid', { type: typeof type === 'string' ? type.slice(0, 64) : type, field: field.slice(0, 120), problem: msg(problem) });
}
