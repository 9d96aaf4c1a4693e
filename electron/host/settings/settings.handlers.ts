import type { settingsContract } from '#shared/contract/settings.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const settingsHandlers: Handlers<typeof settingsContract, HostContext> = {
  'settings.get': (_input, ctx) => ctx.settings.get(),
  'settings.update': ({ authorizerPin, ...patch }, ctx) => ctx.settings.update(patch, ctx.session.authorize(['supervisor', 'admin'], authorizerPin)),
  'system.info': (_input, ctx) => ctx.system.info(),
  'system.loadSamples': (_input, ctx) => (ctx.session.authorize(['supervisor', 'admin']), ctx.loadSamples()),
};
