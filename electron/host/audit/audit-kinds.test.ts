import { describe, expect, it } from 'vitest';
import { auditKindNames, auditKinds, auditKindOf } from '#shared/domain/audit-kinds';
import { ops, type OpType } from '#shared/ops/index';
import { auditActions } from './audit-actions';

describe('the audit view\'s kinds', () => {
  it('file every gated action and every op that can rest on someone\'s authority under one kind', () => {
    for (const action of Object.keys(auditActions)) expect([action, auditKindOf({ kind: 'action', name: action })]).not.toEqual([action, null]);
    const authorisable = (Object.keys(ops) as OpType[]).filter((type) => ops[type].authorisable);
    for (const type of authorisable) expect([type, auditKindOf({ kind: 'op', name: type })]).not.toEqual([type, null]);
    const listed = auditKindNames.flatMap((k) => [...auditKinds[k].actions, ...auditKinds[k].ops]);
    expect(new Set(listed).size).toBe(listed.length);
    // …and name nothing else: a kind listing an op no one authorises would filter for nothing.
    for (const k of auditKindNames) for (const type of auditKinds[k].ops) expect(ops[type].authorisable).toBe(true);
    for (const k of auditKindNames) for (const action of auditKinds[k].actions) expect(Object.keys(auditActions)).toContain(action);
  });
});
