import { carriers } from '#shared/domain/carriers';
import { postFormJson } from '../provider-http';
import { badReply, checkedRequest, cleanText, failure, kilograms, noAccount, transportFailure } from './aggregator.wire';
import { dataSign, EORDER_PATH, eorderReplySchema, kdniaoCode, kdniaoSafe, routingOf, verdictSchema } from './kdniao-eorder.wire';
import { WaybillProviderError, type IssuedWaybill, type WaybillParty, type WaybillProvider } from './waybill-provider';

/**
 * 快递鸟's e-waybill account fields for one carrier, as its 网点 issued them (which are required
 * varies by carrier, §5; SF takes a 10-digit 月结账号 as MonthCode).
 */
export type KdniaoEOrderAccount = {
  CustomerName?: string; CustomerPwd?: string; SendSite?: string; SendStaff?: string; MonthCode?: string;
  /** 1 现付, 2 到付, 3 月结, 4 第三方 (SF only); 1 unless set. */
  PayType?: 1 | 2 | 3 | 4;
  /** 1 标准快件 unless set (carrier-specific values exist). */
  ExpType?: string;
  /** The template size code sent as TemplateSize ('130', '150', '180'); omitted: the carrier's default. */
  TemplateSize?: string;
  /** Ask the courier to come and collect (IsNotice 0); off by default: parcels go out at the daily handover. */
  notifyCourier?: boolean;
};

export type KdniaoEOrderConfig = {
  /** 用户ID and API key from the 快递鸟 console (real-name verified, the e-waybill package enabled). */
  businessId: string;
  appKey: string;
  accounts: Readonly<Record<string, KdniaoEOrderAccount>>;
  /** The full EOrderService URL: https://api.kdniao.com/api/EOrderService unless told otherwise (the sandbox, tests). */
  url?: string;
  timeoutMs?: number;
};

export const KDNIAO_EORDER_URL = `https://api.kdniao.com${EORDER_PATH}`;
const PROVIDER = 'kdniao' as const;
/** What a TemplateSize code prints as (the 76×130 一联单, 100×150, the 100×180 二联单). */
const TEMPLATE_SIZES: Record<string, string> = { '130': '76x130', '150': '100x150', '180': '100x180' };

const party = (p: WaybillParty) => ({
  Name: kdniaoSafe(p.name), Mobile: kdniaoSafe(p.mobile), Tel: kdniaoSafe(p.phone),
  ProvinceName: kdniaoSafe(p.province), CityName: kdniaoSafe(p.city), ExpAreaName: kdniaoSafe(p.district), Address: kdniaoSafe(p.detail),
});

export function kdniaoEOrderProvider(config: KdniaoEOrderConfig): WaybillProvider {
  const url = config.url ?? KDNIAO_EORDER_URL;
  const shipper = (carrierCode: string) => carriers.find((c) => c.code === carrierCode)?.kdniao ?? null;
  const account = (carrierCode: string) => {
    const a = config.accounts[carrierCode];
    const ShipperCode = shipper(carrierCode);
    if (!a || ShipperCode === null) throw noAccount(PROVIDER, carrierCode);
    const { CustomerName, CustomerPwd, SendSite, SendStaff, MonthCode } = a;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries({ CustomerName, CustomerPwd, SendSite, SendStaff, MonthCode })) if (v) fields[k] = v;
    return { ShipperCode, fields, account: a };
  };

  /** The envelope (§2.1): the form library encodes each field exactly once. */
  async function call(requestType: '1007' | '1147', data: string): Promise<unknown> {
    try {
      return await postFormJson({
        url,
        fields: { RequestData: data, EBusinessID: config.businessId, RequestType: requestType, DataSign: dataSign(data, config.appKey), DataType: '2' },
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
    } catch (error) {
      throw transportFailure(PROVIDER, error);
    }
  }

  const refusal = (code: string, reason: string, on: 'issue' | 'cancel') => {
    const mapped = kdniaoCode(code, reason, on);
    return failure(mapped.kind, mapped.key, PROVIDER, { code: code || '-', said: cleanText(reason, 200) }, code || null);
  };

  async function cancelAt(target: { ShipperCode: string; fields: Record<string, string> }, trackingNo: string, requestKey: string): Promise<void> {
    const data = JSON.stringify({ ShipperCode: target.ShipperCode, OrderCode: kdniaoSafe(requestKey), ExpNo: kdniaoSafe(trackingNo), ...target.fields });
    const verdict = verdictSchema.safeParse(await call('1147', data));
    if (!verdict.success) throw badReply(PROVIDER, verdict.error);
    if (!verdict.data.Success) throw refusal(verdict.data.ResultCode, verdict.data.Reason, 'cancel');
  }

  return {
    name: PROVIDER,
    carriers: () => Object.keys(config.accounts).filter((code) => shipper(code) !== null),
    async issue(input) {
      const request = checkedRequest(PROVIDER, input);
      const { ShipperCode, fields, account: a } = account(request.carrierCode);
      const kg = kilograms(request.weightG);
      const data = JSON.stringify({
        // OrderCode is our request key: 快递鸟 answers a repeat with 106 and the number it issued.
        OrderCode: request.requestKey, ShipperCode, ...fields,
        PayType: a.PayType ?? 1, ExpType: a.ExpType ?? '1',
        Sender: party(request.sender), Receiver: party(request.receiver),
        Commodity: [{ GoodsName: kdniaoSafe(cleanText(request.goods, 50)) || '-' }],
        // Quantity > 1 asks for 子母件: a parent number and SubOrders.
        Quantity: request.parcelCount, ...(kg === undefined ? {} : { Weight: kg }),
        IsNotice: a.notifyCourier ? 0 : 1, IsReturnPrintTemplate: 0,
        ...(a.TemplateSize ? { TemplateSize: a.TemplateSize } : {}),
        ...(request.platformOrderIds.length ? { Remark: kdniaoSafe(request.platformOrderIds.join(' ').slice(0, 100)) } : {}),
      });
      const raw = await call('1007', data);
      const verdict = verdictSchema.safeParse(raw);
      if (!verdict.success) throw badReply(PROVIDER, verdict.error);
      const { Success, ResultCode, Reason } = verdict.data;
      // 106 is success with the original Order (§2.5); without one it is a duplicate we cannot read the number from.
      if (!Success && ResultCode !== '106') throw refusal(ResultCode, Reason, 'issue');
      const reply = eorderReplySchema.safeParse(raw);
      if (!reply.success) throw badReply(PROVIDER, reply.error);
      const order = reply.data.Order;
      if (!order) throw ResultCode === '106' ? refusal('106', Reason, 'issue') : badReply(PROVIDER, 'Order');
      return {
        trackingNo: order.LogisticCode, childNumbers: reply.data.SubOrders.filter((n) => n !== order.LogisticCode), carrierCode: request.carrierCode,
        routing: routingOf(order), printData: null, templateSize: a.TemplateSize ? (TEMPLATE_SIZES[a.TemplateSize] ?? null) : null, providerRef: null,
      } satisfies IssuedWaybill;
    },
    cancel: (input) => cancelAt(account(input.carrierCode), input.trackingNo, input.requestKey),
    async check() {
      // No balance query is documented with its endpoint (1127 is unverified): cancelling a number that
      // cannot exist issues nothing, and only a bad ID, sign or account makes it an auth failure.
      const carrier = Object.keys(config.accounts).find((code) => shipper(code) !== null);
      try {
        await cancelAt(carrier ? account(carrier) : { ShipperCode: 'ZTO', fields: {} }, 'PACKDESKCHECK0', 'packdesk-credentials-check');
      } catch (error) {
        if (error instanceof WaybillProviderError && (error.kind === 'auth' || error.kind === 'transient')) throw error;
      }
    },
  };

}
