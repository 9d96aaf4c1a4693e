import { z } from 'zod';
import { msg } from '#shared/i18n/message';
import { localRefusal, PDD_WP_CODES, platformError, type PlatformCall } from './platform-codes';
import { postForm, providerLabel, transient } from './platform-http';
import { applyRequest, cancelSchema, isRecord, issuedFrom, moduleSchema, popErrorSchema, read, validWaybillCode, type PlatformTemplate } from './platform.wire';
import { popSign, popTimestamp } from './pop-sign';
import { WaybillProviderError, type WaybillProvider } from './waybill-provider';

/**
 * 拼多多电子面单 through the PDD open platform (research/providers.md §4.2–4.3): 取号 with
 * `pdd.waybill.get`, 取消 with `pdd.waybill.cancel`, the credentials checked with
 * `pdd.waybill.search` (the seller's subscriptions, as in the official SDK). Needs an app
 * (client_id + client_secret) with the e-waybill permission and the seller's `access_token`.
 * PDD documents no 一票多件 flag: a shipment of several parcels asks a number per parcel.
 */
export type PinduoduoConfig = {
  clientId: string;
  clientSecret: string;
  /** The seller's authorisation of the app. */
  accessToken: string;
  /** The merchant's id (user_id, required per parcel). */
  userId: string;
  templates: Readonly<Record<string, PlatformTemplate>>;
  /** wp_code for carriers PDD spells in a way we do not know yet (our code → wp_code), over PDD_WP_CODES. */
  wpCodes?: Readonly<Record<string, string>>;
  orderChannel?: string;
  endpoint?: string;
  timeoutMs?: number;
  now?: () => Date;
};

export const PINDUODUO_ENDPOINT = 'https://gw-api.pinduoduo.com/api/router';
const P = 'pinduoduo' as const;

const getSchema = z.object({ modules: z.array(moduleSchema).max(10) });

export function pinduoduoProvider(config: PinduoduoConfig): WaybillProvider {
  const now = config.now ?? (() => new Date());
  const codes: Record<string, string> = { ...PDD_WP_CODES, ...config.wpCodes };
  const wpCode = (carrierCode: string) => codes[carrierCode] ?? null;

  async function call(type: string, business: Record<string, string>, kind: PlatformCall): Promise<unknown> {
    const fields: Record<string, string> = {
      type, client_id: config.clientId, access_token: config.accessToken, timestamp: popTimestamp(now()), data_type: 'JSON', version: 'V1', ...business,
    };
    fields['sign'] = popSign(fields, config.clientSecret);
    const reply = await postForm(P, config.endpoint ?? PINDUODUO_ENDPOINT, fields, config.timeoutMs);
    if (!isRecord(reply)) throw transient(P, 'badReply', 'not an object');
    if ('error_response' in reply) {
      const e = read(P, popErrorSchema, reply, 'error_response').error_response;
      throw platformError(P, kind, { code: e.error_code, msg: e.error_msg, subCode: e.sub_code, subMsg: e.sub_msg });
    }
    const root = reply[`${type.replaceAll('.', '_')}_response`];
    if (!isRecord(root)) throw transient(P, 'badReply', `no ${type} response`);
    return root;
  }

  return {
    name: P,
    carriers: () => Object.keys(config.templates).filter((code) => wpCode(code) !== null),
    async issue(request) {
      const wp = wpCode(request.carrierCode);
      if (wp === null) throw localRefusal(P, 'unsupportedCarrier', request.carrierCode);
      const template = config.templates[request.carrierCode];
      if (!template) throw localRefusal(P, 'noTemplate', request.carrierCode);
      const { param, objectIds } = applyRequest(request, {
        provider: P, carrierField: 'wp_code', carrier: wp, template, userId: config.userId, orderChannel: config.orderChannel ?? 'PDD', multiParcel: false,
      });
      const root = await call('pdd.waybill.get', { param_waybill_cloud_print_apply_new_request: param }, 'issue');
      return issuedFrom(P, read(P, getSchema, root, 'modules').modules, objectIds, request.carrierCode, template);
    },
    async cancel({ carrierCode, trackingNo }) {
      const wp = wpCode(carrierCode);
      if (wp === null) throw localRefusal(P, 'unsupportedCarrier', carrierCode);
      if (!validWaybillCode(trackingNo)) throw new WaybillProviderError('not-found', msg('waybillProvider.platform.notFound', { provider: providerLabel(P), code: '', said: trackingNo.slice(0, 40) }));
      const root = await call('pdd.waybill.cancel', { wp_code: wp, waybill_code: trackingNo }, 'cancel');
      if (!read(P, cancelSchema, root, 'cancel_result').cancel_result) {
        throw new WaybillProviderError('invalid', msg('waybillProvider.platform.cancelRefused', { provider: providerLabel(P), said: trackingNo }));
      }
    },
    async check() {
      await call('pdd.waybill.search', {}, 'check');
    },
  };
}
