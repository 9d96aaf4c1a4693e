/* eslint-disable no-restricted-syntax -- Chinese strings here are the provider's wire protocol (acks it documents, reasons it sends), not text shown to people */
import { z } from 'zod';
import { kuaidi100Com } from './provider-codes';
import { parseJson, postForm } from './provider-http';
import { failureSchema, pushParamSchema, pushSign, querySign, reportOf, traceSchema } from './kuaidi100.wire';
import { failure, TrackingProviderError, type PushOutcome, type TrackingErrorKind, type TrackingProvider, type TrackRequest } from './tracking-provider';

export type Kuaidi100Config = {
  key: string;
  customer: string;
  /** Signs the pushes 快递100 sends us; required to subscribe. */
  salt: string | null;
  /** Where 快递100 pushes (the hub's /tracking/push/kuaidi100, reachable from the internet); null: poll only. */
  callbackUrl: string | null;
  /** https://poll.kuaidi100.com unless told otherwise (tests, a proxy). */
  endpoint: string;
};

export const KUAIDI100_ENDPOINT = 'https://poll.kuaidi100.com';
/** 顺丰速运 and 中通 answer only with the last 4 digits of a phone (§1.2). */
const NEEDS_PHONE = new Set(['SF', 'ZTO']);
/** A push's `param` is one full trace; 256 KB is far more than 100 nodes. */
const PUSH_PARAM_MAX = 256 * 1024;

/** 实时查询 returnCode → what went wrong (§1.2). */
const QUERY_CODES: Record<string, TrackingErrorKind> = {
  '400': 'bad-request', '408': 'phone-required', '500': 'no-trace', '501': 'server-error', '502': 'busy', '503': 'signature', '601': 'quota',
};
/** 订阅 returnCode → what went wrong (§1.3); 200 and 501 (already subscribed) are success. */
const SUBSCRIBE_CODES: Record<string, TrackingErrorKind> = {
  '500': 'server-error', '600': 'credentials', '601': 'quota', '700': 'bad-request', '701': 'carrier-refuses', '702': 'unsupported-carrier',
};

export const kuaidi100Acks = {
  ok: { result: true, returnCode: '200', message: '成功' },
  badSign: { result: false, returnCode: '500', message: '签名验证失败' },
  badData: { result: false, returnCode: '500', message: '数据错误' },
} as const;

export function kuaidi100Provider(config: Kuaidi100Config): TrackingProvider {
  const provider = 'kuaidi100' as const;
  const com = (carrierCode: string) => {
    const code = kuaidi100Com(carrierCode);
    if (code === null) throw failure('unsupported-carrier', provider, '', carrierCode);
    return code;
  };
  const phone = (r: TrackRequest) => (NEEDS_PHONE.has(r.carrierCode) && r.phoneTail ? { phone: r.phoneTail } : {});

  return {
    name: provider,
    supports: (carrierCode) => kuaidi100Com(carrierCode) !== null,
    async query(request) {
      // resultv2=4: per-node status codes and area names, and routeInfo (the destination).
      const param = JSON.stringify({ com: com(request.carrierCode), num: request.trackingNo, ...phone(request), resultv2: '4', show: '0', order: 'desc' });
      const reply = await postForm(provider, {
        url: `${config.endpoint}/poll/query.do`,
        fields: { customer: config.customer, sign: querySign(param, config.key, config.customer), param },
      });
      if (isObject(reply) && 'returnCode' in reply) throw codeFailure(reply, QUERY_CODES);
      return read(() => {
        const trace = traceSchema.parse(reply);
        return reportOf(trace, '', false);
      });
    },
    async subscribe(request) {
      if (!config.callbackUrl || !config.salt) throw failure('bad-request', provider, '', 'no callback URL or salt');
      const param = JSON.stringify({
        company: com(request.carrierCode), number: request.trackingNo, key: config.key,
        parameters: { callbackurl: config.callbackUrl, salt: config.salt, resultv2: '4', ...phone(request) },
      });
      const reply = await postForm(provider, { url: `${config.endpoint}/poll`, fields: { schema: 'json', param } });
      const parsed = failureSchema.safeParse(reply);
      if (!parsed.success) throw failure('bad-reply', provider, '', 'subscribe reply');
      if (parsed.data.returnCode === '200' || parsed.data.returnCode === '501') return;
      throw codeFailure(reply as Record<string, unknown>, SUBSCRIBE_CODES);
    },
    receivePush(body) {
      const form = new URLSearchParams(Buffer.from(body).toString('utf8'));
      const param = form.get('param') ?? '';
      const sign = form.get('sign') ?? '';
      // The salt we subscribed with is the only thing that proves the push came from 快递100.
      if (!config.salt || param === '' || param.length > PUSH_PARAM_MAX || sign.toLowerCase() !== pushSign(param, config.salt)) {
        return { ok: false, error: failure('signature', provider, '', 'push'), ack: { status: 200, body: { ...kuaidi100Acks.badSign } } };
      }
      try {
        const push = read(() => pushParamSchema.parse(parseJson(provider, param)));
        if (!push.lastResult) return { ok: true, reports: [], ack: { status: 200, body: { ...kuaidi100Acks.ok } } };
        const report = read(() => reportOf(push.lastResult!, push.comNew, push.status === 'shutdown'));
        const reports = [{ carrierCode: null, trackingNo: push.lastResult.nu, report, stopped: push.status === 'abort' }];
        return { ok: true, reports, ack: { status: 200, body: { ...kuaidi100Acks.ok } } } satisfies PushOutcome;
      } catch (error) {
        const e = error instanceof TrackingProviderError ? error : failure('bad-reply', provider);
        return { ok: false, error: e, ack: { status: 200, body: { ...kuaidi100Acks.badData } } };
      }
    },
  };

  function codeFailure(reply: Record<string, unknown>, table: Record<string, TrackingErrorKind>): TrackingProviderError {
    const parsed = failureSchema.safeParse(reply);
    if (!parsed.success) return failure('bad-reply', provider);
    const { returnCode, message } = parsed.data;
    return failure(table[returnCode] ?? 'server-error', provider, returnCode, message);
  }

  function read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof TrackingProviderError) throw error;
      const said = error instanceof z.ZodError ? (error.issues[0]?.path.join('.') ?? '') : error instanceof Error ? error.message : '';
      throw failure('bad-reply', provider, '', said);
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

