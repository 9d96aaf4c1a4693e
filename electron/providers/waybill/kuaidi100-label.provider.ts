/* eslint-disable no-restricted-syntax -- the cancel reason is a field of 快递100's wire protocol, not text shown to people */
import { carriers } from '#shared/domain/carriers';
import { postFormJson } from '../provider-http';
import { badReply, checkedRequest, cleanText, failure, kilograms, noAccount, partyAddress, transportFailure } from './aggregator.wire';
import { envelopeSchema, kuaidi100Code, LABEL_PATH, labelSign, orderDataSchema, routingOf } from './kuaidi100-label.wire';
import { WaybillProviderError, type IssuedWaybill, type WaybillParty, type WaybillProvider } from './waybill-provider';

/**
 * 快递100's e-waybill account fields for one carrier, as the carrier's 网点 issued them (which are
 * required depends on the carrier: 快递100's 参数字典). A platform-authorized account sends `net`
 * = cainiao / pinduoduoWx / … and, with several 网点, `tbNet` = "网点名称,网点编号".
 */
export type Kuaidi100LabelAccount = {
  partnerId?: string; partnerKey?: string; partnerSecret?: string; partnerName?: string;
  net?: string; code?: string; checkMan?: string; tbNet?: string;
  /** Product, e.g. 标准快递; some carriers need it on cancel too. */
  expType?: string;
  payType?: 'SHIPPER' | 'CONSIGNEE' | 'MONTHLY' | 'THIRDPARTY';
};

export type Kuaidi100LabelConfig = {
  /** 授权key and secret from the 快递100 企业版 console. */
  key: string;
  secret: string;
  /** Our carrier code → its e-waybill account; only these carriers are offered. */
  accounts: Readonly<Record<string, Kuaidi100LabelAccount>>;
  /** https://api.kuaidi100.com unless told otherwise (tests, a proxy). */
  endpoint?: string;
  timeoutMs?: number;
  /** The clock `t` is signed with (tests pin it). */
  now?: () => number;
};

export const KUAIDI100_LABEL_ENDPOINT = 'https://api.kuaidi100.com';
const PROVIDER = 'kuaidi100' as const;
/** A 复打 of a task that cannot exist: no number is issued, and the answer says whether key and secret are good. */
const CHECK_TASK = 'packdesk-credentials-check';

const man = (p: WaybillParty) => ({
  name: p.name, mobile: p.mobile, tel: p.phone, province: p.province, city: p.city, district: p.district, addr: p.detail, printAddr: partyAddress(p),
});

export function kuaidi100LabelProvider(config: Kuaidi100LabelConfig): WaybillProvider {
  const endpoint = config.endpoint ?? KUAIDI100_LABEL_ENDPOINT;
  const com = (carrierCode: string) => carriers.find((c) => c.code === carrierCode)?.kuaidi100 ?? null;
  const account = (carrierCode: string) => {
    const a = config.accounts[carrierCode];
    const kuaidicom = com(carrierCode);
    if (!a || kuaidicom === null) throw noAccount(PROVIDER, carrierCode);
    const { expType: _e, payType: _p, ...partner } = a;
    return { kuaidicom, partner, account: a };
  };

  /** One signed call; the reply's envelope read, a failure code thrown as its kind. */
  async function call(method: 'order' | 'cancel' | 'printOld', param: string): Promise<unknown> {
    const t = String((config.now ?? Date.now)());
    let raw: unknown;
    try {
      raw = await postFormJson({
        url: `${endpoint}${LABEL_PATH}`,
        fields: { method, key: config.key, t, sign: labelSign(param, t, config.key, config.secret), param },
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
    } catch (error) {
      throw transportFailure(PROVIDER, error);
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) throw badReply(PROVIDER, envelope.error);
    const { code, message, data } = envelope.data;
    if (code === '200' && envelope.data.success !== false) return data;
    const mapped = kuaidi100Code(code, method);
    throw failure(mapped.kind, mapped.key, PROVIDER, { code, said: cleanText(message, 200) }, code);
  }

  return {
    name: PROVIDER,
    carriers: () => Object.keys(config.accounts).filter((code) => com(code) !== null),
    async issue(input) {
      const request = checkedRequest(PROVIDER, input);
      const { kuaidicom, partner, account: a } = account(request.carrierCode);
      const kg = kilograms(request.weightG);
      // printType NON: the number and routing fields only; we render the standard template ourselves.
      // orderId + reorder=false: the same key within 48 h returns the first number, never a second.
      const param = JSON.stringify({
        printType: 'NON', kuaidicom, ...partner,
        recMan: man(request.receiver), sendMan: man(request.sender),
        cargo: cleanText(request.goods, 50), count: request.parcelCount, ...(kg === undefined ? {} : { weight: kg }),
        ...(a.expType ? { expType: a.expType } : {}), payType: a.payType ?? 'SHIPPER',
        ...(request.parcelCount > 1 ? { needChild: '1' } : {}),
        orderId: request.requestKey, reorder: false,
        ...(request.platformOrderIds.length ? { thirdOrderId: request.platformOrderIds.join(',').slice(0, 200) } : {}),
        ...(request.oaid ? { oaid: request.oaid } : {}),
      });
      const data = orderDataSchema.safeParse(await call('order', param));
      if (!data.success) throw badReply(PROVIDER, data.error);
      const d = data.data;
      return {
        trackingNo: d.kuaidinum, childNumbers: d.childNum.filter((n) => n !== d.kuaidinum), carrierCode: request.carrierCode,
        routing: routingOf(d), printData: null, templateSize: null, providerRef: d.kdComOrderNum || null,
      } satisfies IssuedWaybill;
    },
    async cancel(input) {
      const { kuaidicom, partner, account: a } = account(input.carrierCode);
      // orderId here is the carrier's order number (kdComOrderNum) from the issue, when it gave one.
      const param = JSON.stringify({
        ...partner, kuaidicom, kuaidinum: input.trackingNo, ...(input.providerRef ? { orderId: input.providerRef } : {}),
        reason: '订单取消', ...(a.expType ? { expType: a.expType } : {}),
      });
      await call('cancel', param);
    },
    async check() {
      try {
        await call('printOld', JSON.stringify({ taskId: CHECK_TASK }));
      } catch (error) {
        // 30009 查无此单: the signature and key were accepted, which is all this asks.
        if (error instanceof WaybillProviderError && error.providerCode === '30009') return;
        throw error;
      }
    },
  };
}
