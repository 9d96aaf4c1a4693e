import type { WaybillProviderName } from '#shared/domain/e-waybill';

/**
 * The account fields each e-waybill provider asks for, as electron/providers/waybill/waybill-keys.ts
 * checks them (the host is the judge; this only lays the form out). Secrets are password inputs and
 * are never shown back: the host never returns an account.
 */
export type AccountField = {
  key: string;
  /** A password input. */
  secret?: boolean;
  /** May be left empty (then not sent). */
  optional?: boolean;
  /** A select of these values (the host's enum); numbers are sent as numbers. */
  options?: readonly (string | number)[];
};
export type ProviderForm = {
  credentials: AccountField[];
  /** The key of the optional API address (a test server or a private deployment). */
  endpointKey: 'endpoint' | 'url';
  /** Per-carrier rows: the carrier's own account (aggregators) or its print template (platforms). */
  rows: 'accounts' | 'templates';
  rowFields: AccountField[];
};

const opt = (key: string, extra: Partial<AccountField> = {}): AccountField => ({ key, optional: true, ...extra });
const templateFields: AccountField[] = [{ key: 'url' }, opt('size', { options: ['76x130', '100x150', '100x180'] })];

export const providerForms: Record<WaybillProviderName, ProviderForm> = {
  kuaidi100: {
    credentials: [{ key: 'key', secret: true }, { key: 'secret', secret: true }],
    endpointKey: 'endpoint',
    rows: 'accounts',
    rowFields: [
      opt('partnerId'), opt('partnerKey', { secret: true }), opt('partnerSecret', { secret: true }), opt('partnerName'), opt('net'), opt('code'),
      opt('checkMan'), opt('tbNet'), opt('expType'), opt('payType', { options: ['SHIPPER', 'CONSIGNEE', 'MONTHLY', 'THIRDPARTY'] }),
    ],
  },
  kdniao: {
    credentials: [{ key: 'businessId' }, { key: 'appKey', secret: true }],
    endpointKey: 'url',
    rows: 'accounts',
    rowFields: [
      opt('CustomerName'), opt('CustomerPwd', { secret: true }), opt('SendSite'), opt('SendStaff'), opt('MonthCode', { secret: true }),
      opt('PayType', { options: [1, 2, 3, 4] }), opt('ExpType'), opt('TemplateSize', { options: ['130', '150', '180'] }),
    ],
  },
  cainiao: {
    credentials: [{ key: 'appKey' }, { key: 'appSecret', secret: true }, { key: 'session', secret: true }, { key: 'signMethod', options: ['md5', 'hmac'] }, { key: 'userId' }],
    endpointKey: 'endpoint',
    rows: 'templates',
    rowFields: templateFields,
  },
  pinduoduo: {
    credentials: [{ key: 'clientId' }, { key: 'clientSecret', secret: true }, { key: 'accessToken', secret: true }, { key: 'userId' }],
    endpointKey: 'endpoint',
    rows: 'templates',
    rowFields: templateFields,
  },
};

/** One carrier's row as typed: the carrier and its field values (strings as in the inputs). */
export type AccountRow = { carrierCode: string; values: Record<string, string> };
export type AccountDraft = { credentials: Record<string, string>; endpoint: string; rows: AccountRow[] };

export const emptyDraft = (): AccountDraft => ({ credentials: {}, endpoint: '', rows: [] });

const valueOf = (field: AccountField, text: string): string | number => (field.options && typeof field.options[0] === 'number' ? Number(text) : text);

/** The keys object waybills.saveKeys takes, from the form: trimmed, empty optional fields left out. */
export function keysFromDraft(provider: WaybillProviderName, draft: AccountDraft): Record<string, unknown> {
  const form = providerForms[provider];
  const keys: Record<string, unknown> = {};
  for (const f of form.credentials) {
    const text = (draft.credentials[f.key] ?? '').trim();
    // A select with nothing chosen takes the host's default (菜鸟 signMethod: md5).
    if (text || !f.options) keys[f.key] = valueOf(f, text);
  }
  const rows: Record<string, Record<string, unknown>> = {};
  for (const row of draft.rows) {
    if (!row.carrierCode) continue;
    const out: Record<string, unknown> = {};
    for (const f of form.rowFields) {
      const text = (row.values[f.key] ?? '').trim();
      if (text) out[f.key] = valueOf(f, text);
      else if (!f.optional) out[f.key] = '';
    }
    rows[row.carrierCode] = out;
  }
  keys[form.rows] = rows;
  const endpoint = draft.endpoint.trim();
  if (endpoint) keys[form.endpointKey] = endpoint;
  return keys;
}
