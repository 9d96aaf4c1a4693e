import type { handoverContract } from '#shared/contract/handover.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const anyone = ['packer', 'supervisor', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;

/** Anyone logged in at the bench (or on a phone at the hub's desk) hands parcels over; the ops carry who. */

export const handoverHandlers: Handlers<typeof handoverContract, HostContext> = {
  'handover.carriers': (_input, ctx) => ctx.handover.carriers(),
  'handover.open': ({ carrierCode }, ctx) => ctx.handover.open(carrierCode, ctx.session.authorize(anyone)),
  'handover.scan': ({ handoverId, code }, ctx) => ctx.handover.scan(handoverId, code, ctx.session.authorize(anyone)),
  'handover.scanFirst': ({ code }, ctx) => ctx.handover.scanFirst(code, ctx.session.authorize(anyone)),
  'handover.close': (input, ctx) => ctx.handover.close(input, ctx.session.authorize(anyone)),
  // Anyone abandons an empty one opened by mistake; one with parcels scanned in takes a supervisor (or their PIN).
  'handover.abandon': ({ authorizerPin, ...input }, ctx) =>
    ctx.handover.abandon(input, ctx.session.authorize(anyone), () => ctx.session.authorize(SUPERVISORS, authorizerPin)),
  'handover.list': ({ state, limit, offset }, ctx) => ctx.handover.list(state, limit, offset),
  'handover.get': ({ id }, ctx) => ctx.handover.get(id),
  'handover.sheet': async ({ id }, ctx) => {
    const { fileName, base64 } = await ctx.handoverSheets.pdf(id);
    return { fileName, base64 };
  },
  'handover.print': ({ id }, ctx) => {
    ctx.session.authorize(anyone);
    return ctx.handoverSheets.print(id);
  },
};
