import type { carriersContract } from '#shared/contract/carriers.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const ADMINS = ['supervisor', 'admin'] as const;

export const carriersHandlers: Handlers<typeof carriersContract, HostContext> = {
  'carriers.list': (_input, ctx) => ctx.carriers.list(),
  'carriers.setEnabled': ({ code, enabled }, ctx) => (ctx.session.authorize(ADMINS), ctx.carriers.setEnabled(code, enabled)),
  'carriers.importPool': (input, ctx) => {
    const actor = ctx.session.authorize(ADMINS);
    const source = 'text' in input ? input.text : { name: input.file.name, bytes: Buffer.from(input.file.base64, 'base64') };
    return ctx.carriers.importPool(input.carrierCode, source, actor);
  },
  'carriers.getRules': (_input, ctx) => ctx.carriers.getRules(),
  'carriers.saveRules': (input, ctx) => ctx.carriers.saveRules(input, ctx.session.authorize(ADMINS)),
};
