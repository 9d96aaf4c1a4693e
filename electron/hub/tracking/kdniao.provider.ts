/* eslint-disable no-restricted-syntax -- Chinese strings here are the provider's wire protocol (acks it documents, reasons it sends), not text shown to people */
import { z } from 'zod';
import { formatBeijing } from '#shared/domain/datetime';
import { carrierFromKdniao, kdniaoShipper } from './provider-codes';
import { parseJson, postForm } from './provider-http';
import { dataSign, kdniaoFailure, pushDataSchema, reportOf, subscribeReplySchema, waybillSchema } from './kdniao.wire';
import { failure, TrackingProviderError, type ProviderReply, type PushOutcome, type TrackingProvider, type TrackRequest } from './tracking-provider';

export type KdniaoConfig = {
  businessId: string;
  appKey: string;
  /** 8001 (即时查询增值版: StateEx, Location) or the free, daily-capped 1002. */
  queryType: '8001' | '1002';
  /** Set when pushes are configured in the 快递鸟 console: the hub then subscribes (1008). */
  callbackUrl: string | null;
  endpoint: string;
};

export const KDNIAO_ENDPOINT = 'https://api.kdniao.com';
const QUERY_PATH = '/Ebusiness/EbusinessOrderHandle.aspx';
const SUBSCRIBE_PATH = '/api/dist';
const PUSH_FIELD_MAX = 512 * 1024;

const rawPushSchema = z.object({ RequestData: z.string().max(PUSH_FIELD_MAX), DataSign: z.string().max(200), RequestType: z.union([z.string().max(8), z.number()]).transform(String) });

export function kdniaoProvider(config: KdniaoConfig): TrackingProvider {
  const provider = 'kdniao' as const;
  const shipper = (carrierCode: string) => {
    const code = kdniaoShipper(carrierCode);
    if (code === null) throw failure('unsupported-carrier', provider, '', carrierCode);
    return code;
  };
  /** CustomerName: 顺丰 wants the last 4 digits of the sender's or receiver's phone (§2.3). */
  const customerName = (r: TrackRequest) => (r.carrierCode === 'SF' ? { CustomerName: r.phoneTail } : {});

  /** The envelope every call shares (§2.1); the form library encodes each field exactly once. */
  const call = (path: string, requestType: string, data: string) =>
    postForm(provider, {
      url: `${config.endpoint}${path}`,
      fields: { RequestData: data, EBusinessID: config.businessId, RequestType: requestType, DataSign: dataSign(data, config.appKey), DataType: '2' },
    });

  const ack = (success: boolean, reason: string, now: Date): ProviderReply => ({
    status: 200,
    body: { EBusinessID: config.businessId, UpdateTime: formatBeijing(now.toISOString(), { seconds: true }), Success: success, Reason: reason },
  });

  return {
    name: provider,
    supports: (carrierCode) => kdniaoShipper(carrierCode) !== null,
    async query(request) {
      const data = JSON.stringify({
        OrderCode: '', ShipperCode: shipper(request.carrierCode), LogisticCode: request.trackingNo, ...customerName(request),
        ...(config.queryType === '8001' ? { Sort: 0 } : {}),
      });
      const raw = await call(QUERY_PATH, config.queryType, data);
      // A failure carries no waybill fields: read the verdict first.
      const verdict = read(raw, subscribeReplySchema);
      if (!verdict.Success) throw failure(kdniaoFailure(verdict.Reason, verdict.ResultCode ?? ''), provider, verdict.ResultCode ?? '', verdict.Reason);
      const reply = read(raw, waybillSchema);
      try {
        return reportOf(reply);
      } catch (error) {
        throw failure('bad-reply', provider, '', error instanceof Error ? error.message : '');
      }
    },
    async subscribe(request) {
      const data = JSON.stringify({
        OrderCode: '', ShipperCode: shipper(request.carrierCode), LogisticCode: request.trackingNo, ...customerName(request),
        // Echoed back in every push: says which hub asked.
        ...(config.callbackUrl ? { Callback: config.callbackUrl.slice(0, 200) } : {}),
      });
      const reply = read(await call(SUBSCRIBE_PATH, '1008', data), subscribeReplySchema);
      if (!reply.Success) throw failure(kdniaoFailure(reply.Reason, reply.ResultCode ?? ''), provider, reply.ResultCode ?? '', reply.Reason);
    },
    receivePush(body, now) {
      const refuse = (error: TrackingProviderError, reason: string): PushOutcome => ({ ok: false, error, ack: ack(false, reason, now) });
      const fields = pushFields(body);
      if (!fields) return refuse(failure('bad-request', provider, '', 'push'), '数据格式错误');
      // Pushes carry DataSign without URL encoding (§2.4): a '+' may arrive as a space, and a
      // sender that did encode it leaves '%'. Both readings are tried; nothing else is.
      const expected = dataSign(fields.RequestData, config.appKey);
      const given = fields.DataSign.replace(/ /g, '+');
      const decoded = given.includes('%') ? safeDecode(given) : given;
      if (fields.RequestType !== '101' && fields.RequestType !== '102') return refuse(failure('bad-request', provider, '', fields.RequestType), 'RequestType');
      if (given !== expected && decoded !== expected) return refuse(failure('signature', provider, '', 'push'), '签名错误');
      try {
        const push = pushDataSchema.parse(parseJson(provider, fields.RequestData));
        if (push.EBusinessID !== config.businessId) return refuse(failure('credentials', provider, '', 'EBusinessID'), 'EBusinessID');
        const reports = push.Data.filter((w) => w.Success).map((w) => ({
          carrierCode: w.ShipperCode ? carrierFromKdniao(w.ShipperCode) : null, trackingNo: w.LogisticCode, report: reportOf(w), stopped: false,
        }));
        return { ok: true, reports, ack: ack(true, '', now) };
      } catch (error) {
        return refuse(error instanceof TrackingProviderError ? error : failure('bad-reply', provider), '数据格式错误');
      }
    },
  };

  function read<S extends z.ZodType>(reply: unknown, schema: S): z.output<S> {
    const parsed = schema.safeParse(reply);
    if (!parsed.success) throw failure('bad-reply', provider, '', parsed.error.issues[0]?.path.join('.') ?? '');
    return parsed.data;
  }
}

/** A push as form fields (what the docs and one SDK say) or as a JSON body with the same fields (what another SDK reads). */
function pushFields(body: Uint8Array): z.output<typeof rawPushSchema> | null {
  const text = Buffer.from(body).toString('utf8');
  let candidate: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      candidate = parseJson('kdniao', text);
    } catch {
      return null;
    }
  } else {
    const form = new URLSearchParams(text);
    candidate = { RequestData: form.get('RequestData'), DataSign: form.get('DataSign'), RequestType: form.get('RequestType') };
  }
  const parsed = rawPushSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
