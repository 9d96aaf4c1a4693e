import type { UserRole } from '#shared/contract/common';
import { msg, type Message } from '#shared/i18n/message';

const ROLES: readonly string[] = ['packer', 'supervisor', 'admin'] satisfies UserRole[];
const role = (value: unknown): Message | string => (typeof value === 'string' && ROLES.includes(value) ? msg(`roles.${value as UserRole}`) : String(value));
const pair = (value: unknown): [unknown, unknown] | null => (Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null);

/**
 * What a user's save changed (its detail, authorized-ops.repo.ts): created with which role, a new
 * name or role, disabled or enabled, a PIN or badge set. Details come from every bench (a newer
 * one too): read as they may be. Null when the save changed nothing this bench knew of.
 */
export function userNote(d: Record<string, unknown>): Message | null {
  const parts: Message[] = [];
  if (d['created'] === true) parts.push(msg('audit.notes.userCreated', { role: role(d['role']) }));
  const name = pair(d['name']);
  if (name) parts.push(msg('audit.notes.userRenamed', { from: String(name[0]), to: String(name[1]) }));
  const roles = d['created'] === true ? null : pair(d['role']);
  if (roles) parts.push(msg('audit.notes.userRole', { from: role(roles[0]), to: role(roles[1]) }));
  if (typeof d['active'] === 'boolean') parts.push(msg(d['active'] ? 'audit.notes.userEnabled' : 'audit.notes.userDisabled'));
  if (d['pin'] === true) parts.push(msg('audit.notes.userPin'));
  if (d['badge'] === true) parts.push(msg('audit.notes.userBadge'));
  const [a, b, c, e, f] = parts;
  // One key per count (not nested pairs): a message crossing the RPC boundary may nest only so deep.
  if (!a) return null;
  if (!b) return a;
  if (!c) return msg('audit.notes.parts2', { a, b });
  if (!e) return msg('audit.notes.parts3', { a, b, c });
  if (!f) return msg('audit.notes.parts4', { a, b, c, d: e });
  return msg('audit.notes.parts5', { a, b, c, d: e, e: f });
}
