import type { benchContract } from '#shared/contract/bench.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const packHandlers: Handlers<typeof benchContract, HostContext> = {
  'bench.scan': ({ code }, ctx) => ctx.pack.scan(code),
  'bench.getState': (_input, ctx) => ctx.pack.getState(),
  'bench.forceVerify': ({ lineNo, authorizerPin }, ctx) => ctx.pack.forceVerify(lineNo, authorizerPin),
  'bench.bindLine': (input, ctx) => ctx.pack.bindLine(input),
  'bench.bindBarcode': (input, ctx) => ctx.pack.bindBarcode(input),
  'bench.shipChoice': (input, ctx) => ctx.pack.shipChoice(input),
  'bench.ship': (input, ctx) => ctx.pack.ship(input),
  'bench.acceptWeight': ({ authorizerPin }, ctx) => ctx.pack.acceptWeight(authorizerPin),
  'bench.cancel': (_input, ctx) => ctx.pack.cancel(),
  'bench.stay': (_input, ctx) => ctx.pack.stay(),
};
