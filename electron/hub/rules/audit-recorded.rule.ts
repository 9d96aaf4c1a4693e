import { msg } from '#shared/i18n/message';
import { opLabel, roleSuffices } from '#shared/ops/index';
import { userRole } from '../sync/hub-users.repo';
import type { Rule } from './rule-context';

/** An audit entry naming an authoriser must name an active supervisor or admin of the shop. */
export const auditRecorded: Rule<'audit.recorded'> = async (ctx, p) => {
  if (p.authorizerId === null) return;
  const role = await userRole(ctx.w, p.authorizerId);
  if (!role || !roleSuffices(role, 'supervisor')) return { rejected: msg('opRefusal.authoriser', { type: opLabel('audit.recorded'), user: p.authorizerId }) };
};
