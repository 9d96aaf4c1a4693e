import { z } from 'zod';
import { msg } from '#shared/i18n/message';
import { cainiaoCpCode, localRefusal, platformError, type PlatformCall } from './platform-codes';
import { postForm, providerLabel, transient } from './platform-http';
import { applyRequest, cancelSchema, isRecord, issuedFrom, moduleSchema, read, topErrorSchema, validWaybillCode, type PlatformTemplate } from './platform.wire';
import { topSign, topTimestamp, type TopSignMethod } from './top-sign';
import { WaybillProviderError, type WaybillProvider } from './waybill-provider';

/**
 * 菜鸟电子面单 through the Taobao open platform (research/providers.md §3.2–3.4): 取号 with
 * `cainiao.waybill.ii.get`, 取消 with `cainiao.waybill.ii.cancel`, the credentials checked with
 * `cainiao.waybill.ii.search` (the seller's subscriptions: no number is used). Needs an ISV app
 * (app_key + secret) with the e-waybill permission and the seller's `session` for it.
 */
export type CainiaoConfig = {
  appKey: string;
  appSecret: string;
  /** The seller's authorisation of the app (TOP `session`). */
  session: string;
  signMethod: TopSignMethod;
  /** The merchant's Taobao user id (user_id, required per parcel). */
  userId: string;
  /** The seller's cloud-print template per carrier (our code); a carrier without one is not offered. */
  templates: Readonly<Record<string, PlatformTemplate>>;
  /** order_channels_type of the orders (TB, TM…); TB unless told. */
  orderChannel?: string;
  endpoint?: string;
  timeoutMs?: number;
  /** The clock the timestamp is taken from (tests); the gateway refuses one more than 10 minutes off. */
  now?: () => Date;
};

export const CAINIAO_ENDPOINT = 'https://eco.taobao.com/router/rest';
const P = 'cainiao' as const;

/** Default JSON wraps lists in their element type (§3.2); simplify=true does not. Both are read. */
const getSchema = z.object({
  modules: z.union([z.array(moduleSchema).max(10), z.object({ waybill_cloud_print_response: z.array(moduleSchema).max(10) }).transform((m) => m.waybill_cloud_print_response)]),
});

export function cainiaoProvider(config: CainiaoConfig): WaybillProvider {
  const now = config.now ?? (() => new Date());

  async function call(method: string, business: Record<string, string>, kind: PlatformCall): Promise<unknown> {
    const fields: Record<string, string> = {
      method, app_key: config.appKey, session: config.session, timestamp: topTimestamp(now()),
      format: 'json', v: '2.0', sign_method: config.signMethod, ...business,
    };
    fields['sign'] = topSign(fields, config.appSecret, config.signMethod);
    const reply = await postForm(P, config.endpoint ?? CAINIAO_ENDPOINT, fields, config.timeoutMs);
    if (!isRecord(reply)) throw transient(P, 'badReply', 'not an object');
    if ('error_response' in reply) {
      const e = read(P, topErrorSchema, reply, 'error_response').error_response;
      throw platformError(P, kind, { code: e.code, msg: e.msg, subCode: e.sub_code, subMsg: e.sub_msg });
    }
    const root = reply[`${method.replaceAll('.', '_')}_response`];
    if (!isRecord(root)) throw transient(P, 'badReply', `no ${method} response`);
    return root;
  }

  return {
    name: P,
    carriers: () => Object.keys(config.templates).filter((code) => cainiaoCpCode(code) !== null),
    async issue(request) {
      const cp = cainiaoCpCode(request.carrierCode);
      if (cp === null) throw localRefusal(P, 'unsupportedCarrier', request.carrierCode);
      const template = config.templates[request.carrierCode];
      if (!template) throw localRefusal(P, 'noTemplate', request.carrierCode);
      const { param, objectIds } = applyRequest(request, {
        provider: P, carrierField: 'cp_code', carrier: cp, template, userId: config.userId, orderChannel: config.orderChannel ?? 'TB', multiParcel: true,
      });
      const root = await call('cainiao.waybill.ii.get', { param_waybill_cloud_print_apply_new_request: param }, 'issue');
      return issuedFrom(P, read(P, getSchema, root, 'modules').modules, objectIds, request.carrierCode, template);
    },
    async cancel({ carrierCode, trackingNo }) {
      const cp = cainiaoCpCode(carrierCode);
      if (cp === null) throw localRefusal(P, 'unsupportedCarrier', carrierCode);
      if (!validWaybillCode(trackingNo)) throw new WaybillProviderError('not-found', msg('waybillProvider.platform.notFound', { provider: providerLabel(P), code: '', said: trackingNo.slice(0, 40) }));
      const root = await call('cainiao.waybill.ii.cancel', { cp_code: cp, waybill_code: trackingNo }, 'cancel');
      if (!read(P, cancelSchema, root, 'cancel_result').cancel_result) {
        throw new WaybillProviderError('invalid', msg('waybillProvider.platform.cancelRefused', { provider: providerLabel(P), said: trackingNo }));
      }
    },
    async check() {
      await call('cainiao.waybill.ii.search', {}, 'check');
    },
  };
}
