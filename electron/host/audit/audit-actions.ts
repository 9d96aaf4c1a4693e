import { msg, type Message } from '#shared/i18n/message';
import { catalogs, type MessageKey } from '#shared/i18n/catalog';

type Detail = Readonly<Record<string, unknown>>;
type ActionView = {
  what: MessageKey;
  /** What the action touched, as a person finds it, from the stored target and detail. */
  target?: (target: string, detail: Detail) => string;
  note?: (detail: Detail) => Message | null;
};

// Details come from every bench (a newer one too): read them as they may be, never as they should be.
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Orders are kept as platform:number; people know the number. */
const orderNumber = (target: string) => target.slice(target.indexOf(':') + 1);

/** A setting by its label on the Settings screen; a field from a newer Packdesk by its path. */
const settingLabels: Readonly<Record<string, MessageKey>> = {
  language: 'settings.language', shipPromiseHours: 'settings.shipPromiseHours', autoCompleteOnLastScan: 'settings.autoComplete',
  idleLockMinutes: 'settings.idleLockMinutes', privacyMasking: 'settings.privacyMasking', packagingWeightG: 'settings.packagingWeightG',
  weightTolerancePct: 'settings.weightTolerancePct', weightToleranceG: 'settings.weightToleranceG', speakPrompts: 'settings.speakPrompts',
  'scanner.prefix': 'settings.prefix', 'scanner.terminator': 'settings.terminator', 'scanner.minLength': 'settings.minLength',
  'scanner.maxGapMs': 'settings.maxGapMs', 'sender.name': 'settings.sender', 'sender.phone': 'settings.sender', 'sender.address': 'settings.sender',
  'packVideo.enabled': 'settings.packVideoEnabled', 'packVideo.budgetGb': 'settings.packVideoBudget', 'packVideo.retentionDays': 'settings.packVideoRetention',
};
const settingValue = (v: unknown): Message | string | number =>
  typeof v === 'boolean' ? msg(v ? 'audit.values.on' : 'audit.values.off') : typeof v === 'number' ? v : text(v) ?? '—';
/** A language by its name in the reader's language ("en → zh-CN" read as codes). */
const languageValue = (v: unknown): Message | string | number => (v === 'zh-CN' || v === 'en' ? msg(`audit.values.languages.${v}`) : settingValue(v));

/** "承诺发货时限（小时）：48 → 24", and how many more fields the same save changed. */
function settingsNote(d: Detail): Message | null {
  const fields = Array.isArray(d['fields']) ? d['fields'] : [];
  const first = text(fields[0]);
  if (first === null) return null;
  const at = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[])[0] : undefined);
  const field = Object.hasOwn(settingLabels, first) ? msg(settingLabels[first]!) : first;
  const value = first === 'language' ? languageValue : settingValue;
  const change = { field, from: value(at('from')), to: value(at('to')) };
  return fields.length > 1 ? msg('audit.notes.settingsMore', { ...change, count: fields.length }) : msg('audit.notes.setting', change);
}

const deviceNames: Readonly<Record<string, MessageKey>> = {
  printer: 'devices.printerTitle', slipPrinter: 'devices.slip.title', printComponents: 'audit.values.printComponents', serial: 'devices.serial.title',
};
/** A device field by its label on the Devices screen (the last part of its path); others by path. */
const deviceFieldLabels: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  printer: {
    kind: 'devices.kind', host: 'devices.host', port: 'devices.port', devicePath: 'devices.devicePath', systemPrinter: 'devices.systemPrinter',
    labelSize: 'devices.labelSize', dpi: 'devices.dpi', cjkMode: 'devices.cjkMode',
  },
  slipPrinter: {
    trigger: 'devices.slip.trigger', host: 'devices.host', port: 'devices.port', devicePath: 'devices.devicePath', paperMm: 'devices.slip.paper',
    chinese: 'devices.slip.chinese', code: 'devices.slip.code',
  },
  serial: {
    id: 'devices.serial.role', role: 'devices.serial.role', path: 'devices.serial.path', baudRate: 'devices.serial.baud', suffix: 'devices.serial.suffix', prefix: 'devices.serial.prefix',
    family: 'devices.serial.family', unit: 'devices.serial.unit', readings: 'devices.serial.readings', minWeightG: 'devices.serial.minWeight',
  },
};

/** A device field's value by its name on the Devices screen (保存为PDF, 发货时, 托利多连续输出); other values as they are. */
const deviceValueKeys: Readonly<Record<string, string>> = {
  kind: 'devices.kinds', trigger: 'devices.slip.triggers', code: 'devices.slip.codes', role: 'devices.serial.roles', family: 'devices.serial.families',
};
/** Whether the catalog has a text under this key (a value a newer bench stored may have none). */
const hasMessage = (key: string): key is MessageKey =>
  typeof key.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), catalogs['zh-CN']) === 'string';
const deviceValue = (field: string, v: unknown): Message | string | number => {
  const under = deviceValueKeys[field];
  const key = `${under}.${String(v)}`;
  return under !== undefined && typeof v === 'string' && hasMessage(key) ? msg(key) : settingValue(v);
};

/** "面单打印机：网络地址：192.168.1.50 → 192.168.1.51", and how many more fields the same save changed. */
function deviceNote(d: Detail): Message | null {
  const device = text(d['device']);
  const fields = Array.isArray(d['fields']) ? d['fields'] : [];
  const first = text(fields[0]);
  if (device === null || !Object.hasOwn(deviceNames, device) || first === null) return null;
  const labels = deviceFieldLabels[device] ?? {};
  const last = first.slice(first.lastIndexOf('.') + 1);
  const at = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[])[0] : undefined);
  const field = Object.hasOwn(labels, last) ? msg(labels[last]!) : first;
  const total = count(d['count']) ?? fields.length;
  const change = { field, from: deviceValue(last, at('from')), to: deviceValue(last, at('to')) };
  return msg('audit.notes.device', { device: msg(deviceNames[device]!), change: total > 1 ? msg('audit.notes.settingsMore', { ...change, count: total }) : msg('audit.notes.setting', change) });
}

/**
 * The permission-gated actions a bench audits (audit.recorded), and how the audit view shows each.
 * An action recorded here must be listed (audit.repo.ts takes only these names).
 */
export const auditActions = {
  ship: { what: 'audit.actions.ship', target: orderNumber },
  'ship.partial': {
    what: 'audit.actions.shipPartial',
    target: orderNumber,
    note: (d) => {
      const units = count(d['units']);
      const numbers = Array.isArray(d['trackingNos']) ? d['trackingNos'].filter((n): n is string => typeof n === 'string') : [];
      return units === null || numbers.length === 0 ? null : msg('audit.notes.partialShipped', { units, tracking: numbers.join(', ') });
    },
  },
  'shipment.void': {
    what: 'audit.actions.shipmentVoid',
    target: (target, d) => text(d['trackingNo']) ?? target,
    note: (d) => {
      const reason = text(d['reason']);
      return reason === null ? null : msg('audit.notes.reason', { reason });
    },
  },
  'bench.forceVerify': {
    what: 'audit.actions.forceVerify',
    target: orderNumber,
    note: (d) => {
      const line = count(d['lineNo']);
      const units = count(d['units']);
      return line === null || units === null ? null : msg('audit.notes.forceVerify', { line, units });
    },
  },
  'bench.acceptWeight': {
    what: 'audit.actions.acceptWeight',
    target: orderNumber,
    note: (d) => {
      const weight = count(d['weightG']);
      const expected = count(d['expectedG']);
      const mismatch = count(d['mismatchG']);
      if (weight === null || expected === null) return null;
      // Weighed again within tolerance before the supervisor came: both weights are the evidence.
      return mismatch === null ? msg('audit.notes.acceptWeight', { weight, expected }) : msg('audit.notes.acceptReweighed', { weight, expected, mismatch });
    },
  },
  'catalog.bindBarcode': {
    what: 'audit.actions.bindBarcode',
    note: (d) => {
      const sku = text(d['skuCode']);
      return sku === null ? null : msg('audit.notes.boundTo', { sku, units: count(d['units']) ?? 1 });
    },
  },
  'bench.bindLine': {
    what: 'audit.actions.bindLine',
    target: orderNumber,
    note: (d) => {
      const line = count(d['lineNo']);
      const sku = text(d['skuCode']);
      return line === null || sku === null ? null : msg('audit.notes.lineBound', { line, sku });
    },
  },
  'label.reprint': {
    what: 'audit.actions.labelReprint',
    target: (target) => target,
    note: (d) => (d['was'] === 'unknown' ? msg('audit.notes.reprintUnknown') : null),
  },
  'settings.update': {
    what: 'audit.actions.settingsUpdate',
    // The stored target lists the changed fields for the search; the note says them in words.
    target: () => '',
    note: settingsNote,
  },
  'devices.update': { what: 'audit.actions.devicesUpdate', target: () => '', note: deviceNote },
  // An admin entered, replaced or removed an e-waybill account: which provider, never a key.
  'waybills.keys': {
    what: 'audit.actions.waybillKeys',
    target: (target) => target,
    note: (d) => (d['removed'] === true ? msg('audit.notes.keysRemoved') : null),
  },
  'session.pinLockout': {
    what: 'audit.actions.pinLockout',
    target: () => '',
    note: (d) => {
      const failures = count(d['failures']);
      const seconds = count(d['lockSeconds']);
      return failures === null || seconds === null ? null : msg('audit.notes.lockout', { failures, seconds });
    },
  },
  // Phone login stopped for a name after wrong PINs in a row from anywhere: who, how many, from how many addresses.
  'session.deskLocked': {
    what: 'audit.actions.deskLocked',
    target: (_target, d) => (typeof d['name'] === 'string' ? d['name'] : ''),
    note: (d) => {
      const failures = count(d['failures']);
      const sources = count(d['sources']);
      const hours = count(d['lockHours']);
      return failures === null || sources === null || hours === null ? null : msg('audit.notes.deskLocked', { failures, sources, hours });
    },
  },
} as const satisfies Record<string, ActionView>;
export type AuditAction = keyof typeof auditActions;

/** How one audit_log row reads; an action from a newer Packdesk shows by its name. */
export function viewAction(action: string, target: string, detail: Detail): { what: Message; target: string; note: Message | null } {
  const view: ActionView | undefined = Object.hasOwn(auditActions, action) ? auditActions[action as AuditAction] : undefined;
  if (!view) return { what: msg('audit.actions.other', { action }), target, note: null };
  return { what: msg(view.what), target: view.target?.(target, detail) ?? target, note: view.note?.(detail) ?? null };
}
