import type { inboxContract } from '#shared/contract/inbox.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const inboxHandlers: Handlers<typeof inboxContract, HostContext> = {
  'inbox.list': (input, ctx) => (ctx.session.requireUser(), ctx.inbox.list(input)),
  'inbox.resolved': (input, ctx) => (ctx.session.requireUser(), { resolutions: ctx.inbox.resolved(input.limit) }),
  'inbox.counts': (_input, ctx) => ctx.inbox.counts(),
  'inbox.resolve': ({ key, note, authorizerPin }, ctx) => {
    ctx.inbox.resolve(key, note, ctx.session.authorize(SUPERVISORS, authorizerPin));
    return { key, counts: ctx.inbox.counts() };
  },
  'inbox.settings': (_input, ctx) => ctx.inbox.settings(),
  'inbox.saveSettings': ({ authorizerPin, ...settings }, ctx) => ctx.inbox.saveSettings(settings, ctx.session.authorize(SUPERVISORS, authorizerPin)),
};
