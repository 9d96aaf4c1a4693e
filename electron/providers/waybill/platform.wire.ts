import { createHash } from 'node:crypto';
import { z } from 'zod';
import { localRefusal } from './platform-codes';
import { parseJson, transient, type PlatformName } from './platform-http';
import type { IssuedWaybill, WaybillParty, WaybillRequest, WaybillRouting } from './waybill-provider';

/**
 * What 菜鸟's `cainiao.waybill.ii.get` and 拼多多's `pdd.waybill.get` share (research/providers.md
 * §3.3, §4.3: PDD's is the Cainiao schema with wp_code for cp_code): the JSON string parameter
 * `param_waybill_cloud_print_apply_new_request`, and reading its modules back into an IssuedWaybill.
 */

/** A template the seller chose for a carrier: its cloud-print URL, and its size when known ('76x130'). */
export type PlatformTemplate = { url: string; size: string | null };

export type ApplyOptions = {
  provider: PlatformName;
  carrierField: 'cp_code' | 'wp_code';
  carrier: string;
  template: PlatformTemplate;
  /** The merchant's id on the platform (user_id, required by both). */
  userId: string;
  /** order_channels_type: TB, TM, PDD, DY, OTHERS… */
  orderChannel: string;
  /** Cainiao only: 一票多件 in one call (multi_packages_shipment). */
  multiParcel: boolean;
};

/** Both APIs take at most 10 trade_order_info_dtos per call. */
export const MAX_PARCELS_PER_CALL = 10;

/**
 * The request key as the APIs' ids take it: object_id is echoed back, package_info.id is the
 * platform's 拆合单 package id (letters, digits, underscore). The same order with the same package
 * id is the same parcel to the platform, so a retry with the same key asks for the same number.
 */
export function safeKey(requestKey: string): string {
  if (/^[A-Za-z0-9_]{1,40}$/.test(requestKey)) return requestKey;
  return `k${createHash('sha1').update(requestKey, 'utf8').digest('hex').slice(0, 32)}`;
}

const MASK = /[*＊]/;
const masked = (p: WaybillParty) => [p.name, p.mobile, p.phone, p.detail].some((s) => MASK.test(s));
const unmasked = (s: string) => (s !== '' && !MASK.test(s) ? s : undefined);
const address = (p: WaybillParty) => ({ province: p.province, city: p.city, district: p.district, detail: p.detail });
/** user_id is a number on the platforms; a value too long for a JS number goes as the string it is. */
const userIdValue = (id: string) => (/^\d{1,15}$/.test(id) ? Number(id) : id);

/** The JSON string sent as `param_waybill_cloud_print_apply_new_request`, and the object ids it asks for (in order). */
export function applyRequest(request: WaybillRequest, o: ApplyOptions): { param: string; objectIds: string[] } {
  const count = o.multiParcel ? request.parcelCount : 1;
  if (request.parcelCount > 1 && !o.multiParcel) throw localRefusal(o.provider, 'multiParcel', String(request.parcelCount));
  if (count < 1 || count > MAX_PARCELS_PER_CALL) throw localRefusal(o.provider, 'tooManyParcels', String(request.parcelCount));
  if (request.platformOrderIds.length === 0 || request.platformOrderIds.length > 100) throw localRefusal(o.provider, 'noOrder', request.requestKey);
  if (masked(request.sender)) throw localRefusal(o.provider, 'masked', request.sender.name);
  // Carriers refuse masked receivers (china-formats §4.5): only Cainiao's OAID lets the platform fill them in.
  const useOaid = o.provider === 'cainiao' && request.oaid !== undefined && request.oaid !== '';
  if (!useOaid && masked(request.receiver)) throw localRefusal(o.provider, 'masked', request.receiver.name);

  const rc = request.receiver;
  const recipient = useOaid
    ? {
        oaid: request.oaid, tid: request.platformOrderIds[0],
        name: unmasked(rc.name), mobile: unmasked(rc.mobile), phone: unmasked(rc.phone),
        address: { province: rc.province, city: rc.city, district: rc.district, detail: unmasked(rc.detail) },
      }
    : { name: rc.name, mobile: rc.mobile, phone: rc.phone, address: address(rc) };
  const key = safeKey(request.requestKey);
  const objectIds = Array.from({ length: count }, (_, i) => (i === 0 ? key : `${key}_${i + 1}`));
  const dtos = objectIds.map((objectId) => ({
    object_id: objectId,
    order_info: { order_channels_type: o.orderChannel, trade_order_list: request.platformOrderIds },
    package_info: {
      id: objectId,
      items: [{ name: request.goods || '-', count: 1 }],
      ...(request.weightG !== null ? { weight: request.weightG } : {}),
      ...(count > 1 ? { total_packages_count: count } : {}),
      goods_description: request.goods || '-',
    },
    recipient,
    template_url: o.template.url,
    user_id: userIdValue(o.userId),
  }));
  const s = request.sender;
  const param = {
    [o.carrierField]: o.carrier,
    need_encrypt: true,
    ...(count > 1 ? { multi_packages_shipment: true } : {}),
    sender: { name: s.name, mobile: s.mobile, phone: s.phone, address: address(s) },
    trade_order_info_dtos: dtos,
  };
  return { param: JSON.stringify(param), objectIds };
}

const waybillCode = z.string().min(1).max(40).regex(/^[A-Za-z0-9-]+$/);
/** One module of the get reply (the same fields on both platforms). */
export const moduleSchema = z.object({
  object_id: z.string().max(64).nullish(),
  waybill_code: waybillCode,
  print_data: z.string().max(128 * 1024),
  parent_waybill_code: z.union([waybillCode, z.literal('')]).nullish(),
  cp_code: z.string().max(40).nullish(),
  real_cp_code: z.string().max(40).nullish(),
});
export type WaybillModule = z.output<typeof moduleSchema>;

const encryptedSchema = z.object({
  encryptedData: z.string().min(1).max(96 * 1024),
  signature: z.string().max(2048),
  templateURL: z.string().max(1000).optional(),
  templateUrl: z.string().max(1000).optional(),
  ver: z.string().max(100),
});
const named = z.object({ code: z.string().max(80).nullish(), name: z.string().max(200).nullish() }).nullish();
/** need_encrypt=false: the plain data, of which we read only the routing (china-formats §4.4; the full schema is unpublished). */
const plainSchema = z.object({
  data: z.object({
    routingInfo: z.object({ sortation: named, routeCode: z.string().max(80).nullish(), consolidation: named, origin: named }).nullish(),
  }),
});

// eslint-disable-next-line no-control-regex -- routing text is printed; control characters in it are refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const text = (s: string | null | undefined, max = 60): string | null => {
  const clean = (s ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
  return clean === '' ? null : clean;
};
export const noRouting: WaybillRouting = { sortCode: null, routeCode: null, hubCode: null, hubName: null, originCode: null, destinationCode: null };

/** print_data: encrypted, passed on unchanged for the platform's print component; or plain, read for its routing. */
function readPrintData(provider: PlatformName, raw: string): Pick<IssuedWaybill, 'printData' | 'routing'> {
  const parsed = parseJson(provider, raw);
  const enc = encryptedSchema.safeParse(parsed);
  if (enc.success) {
    const templateUrl = enc.data.templateURL ?? enc.data.templateUrl;
    if (!templateUrl) throw transient(provider, 'badReply', 'print_data without a template URL');
    return { printData: { encryptedData: enc.data.encryptedData, signature: enc.data.signature, templateUrl, ver: enc.data.ver }, routing: noRouting };
  }
  const plain = plainSchema.safeParse(parsed);
  if (!plain.success) throw transient(provider, 'badReply', 'print_data');
  const ri = plain.data.data.routingInfo;
  return {
    printData: null,
    routing: {
      ...noRouting,
      sortCode: text(ri?.routeCode), routeCode: text(ri?.sortation?.name),
      hubCode: text(ri?.consolidation?.code), hubName: text(ri?.consolidation?.name), originCode: text(ri?.origin?.code),
    },
  };
}

/** The modules for our object ids → one waybill: the parent number (子母件) first, the others as children. */
export function issuedFrom(provider: PlatformName, modules: WaybillModule[], objectIds: string[], carrierCode: string, template: PlatformTemplate): IssuedWaybill {
  const ours = objectIds.map((id, i) => modules.find((m) => m.object_id === id) ?? (modules.length === objectIds.length && !modules[i]?.object_id ? modules[i] : undefined));
  if (ours.some((m) => m === undefined)) throw transient(provider, 'badReply', 'a parcel missing from the reply');
  const got = ours as WaybillModule[];
  const parent = got.find((m) => m.parent_waybill_code)?.parent_waybill_code || got[0]!.waybill_code;
  const numbers = [...new Set(got.map((m) => m.waybill_code))];
  const main = got.find((m) => m.waybill_code === parent) ?? got[0]!;
  const childNumbers = numbers.filter((n) => n !== parent);
  // Each child parcel carries its own label: the component renders each from its own print data.
  const childPrintData = childNumbers.map((n) => readPrintData(provider, got.find((m) => m.waybill_code === n)!.print_data).printData);
  return {
    trackingNo: parent,
    childNumbers,
    carrierCode,
    ...readPrintData(provider, main.print_data),
    ...(childPrintData.some((d) => d !== null) ? { childPrintData } : {}),
    templateSize: template.size,
  };
}

/** The error envelope's fields, whichever platform's names they came under. */
const code = z.union([z.string().max(40), z.number().int().min(-1e9).max(1e9)]).transform(String);
const said = z.string().max(2000).nullish().transform((v) => v ?? '');
export const topErrorSchema = z.object({ error_response: z.object({ code, msg: said, sub_code: said, sub_msg: said }) });
export const popErrorSchema = z.object({ error_response: z.object({ error_code: code, error_msg: said, sub_code: said, sub_msg: said }) });

/** cancel_result is a boolean; TOP's XML-born JSON has been seen to send "true". */
export const cancelSchema = z.object({ cancel_result: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]) });

/** Reads a reply with a schema; anything it does not match is a reply we cannot read (transient: the platform may be mid-change). */
export function read<T>(provider: PlatformName, schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw transient(provider, 'badReply', `${what}: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  return parsed.data;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const validWaybillCode = (s: string) => waybillCode.safeParse(s).success;
