import type { labelsContract } from '#shared/contract/labels.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const labelsHandlers: Handlers<typeof labelsContract, HostContext> = {
  'labels.preview': (input, ctx) => ctx.labels.preview(input),
  'labels.printPickSlips': ({ orderIds }, ctx) => ctx.labels.printPickSlips(orderIds),
  'labels.printPickList': ({ orderIds }, ctx) => ctx.labels.printPickList(orderIds),
  'labels.printCommandSheet': (_input, ctx) => ctx.labels.printCommandSheet(),
  'labels.printPackingSlip': ({ orderId }, ctx) => ctx.slips.reprint(orderId),
};
