import type { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import { hubCheckResponseSchema, hubIssueResponseSchema, hubProvidersResponseSchema } from '#shared/contract/hub-waybills.contract';
import { hubErrorSchema } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import type { HubCall } from '../sync/create-sync';
import type { HubWaybills } from './waybills.service';

/** The hub's 取号 routes as the waybills service uses them; every answer is held to its schema. */
export function hubWaybillsLink(call: HubCall, pull: () => Promise<void>): HubWaybills {
  const answer = async <S extends z.ZodType>(schema: S, reply: Promise<{ status: number; body: unknown }>): Promise<z.output<S>> => {
    const { status, body } = await reply;
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(body);
      if (parsed.success) return parsed.data;
    }
    const refused = hubErrorSchema.safeParse(body);
    if (refused.success && status < 500) throw new AppError('INVALID_INPUT', refused.data.msg);
    throw new AppError('HUB_UNREACHABLE', msg('sync.error.hubUnavailable', { status }));
  };
  return {
    issue: async (provider, requests) => (await answer(hubIssueResponseSchema, call('POST', '/waybills/issue', { provider, requests }))).results,
    providers: async () => (await answer(hubProvidersResponseSchema, call('GET', '/waybills/providers'))).providers,
    check: (provider) => answer(hubCheckResponseSchema, call('POST', '/waybills/check', { provider })),
    pull,
  };
}
