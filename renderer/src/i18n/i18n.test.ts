import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '#shared/contract/errors';
import { inboxKinds } from '#shared/contract/inbox.contract';
import { stationRoles } from '#shared/contract/hub.contract';
import { platformStatuses } from '#shared/contract/orders.contract';
import { flagKinds } from '#shared/ops/index';
import { syncStatusSchema } from '#shared/contract/sync.contract';
import { carrierNameMessage, carriers } from '#shared/domain/carriers';
import { shipBlockReason } from '#shared/domain/order-status';
import { checkTrackingNo } from '#shared/domain/tracking-number';
import { languages, type MessageKey } from '#shared/i18n/catalog';
import { isMessage, type Message } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { messageUses, sourceFiles } from '../../../test/helpers/message-uses';
import { mappingFields } from '../features/orders/mapping-fields';
import en from '#shared/i18n/en.json';
import zhCN from '#shared/i18n/zh-CN.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const enMap = flatten(en as Tree);
const root = fileURLToPath(new URL('../../..', import.meta.url));
// Everything that shows text: the renderer, the host and the CLI (electron/), and shared/.
const codeFiles = ['renderer/src', 'electron', 'shared'].flatMap((dir) => sourceFiles(join(root, dir)));

// `{{name}}`, or `{{name, format}}` with one of the catalog's formats (shared/i18n/translator addFormats).
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)(?:, (grams|moment))?\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...enMap.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('no value is empty and both languages use the same placeholders', () => {
    for (const [key, value] of zh) {
      expect(value.trim(), key).not.toBe('');
      expect(enMap.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(enMap.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('every literal key used in the code exists', () => {
    const used = new Set<string>();
    for (const file of codeFiles) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
      // t(cond ? 'a.b' : 'c.d') and toast keys: ok('a.b')
      for (const m of text.matchAll(/\?\s*'(\w+\.[\w.]+)'\s*:\s*'(\w+\.[\w.]+)'/g)) used.add(m[1]!).add(m[2]!);
      for (const m of text.matchAll(/\.ok\(\s*'([\w.]+)'/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((k) => !zh.has(k));
    expect(used.has('bench.weightLight') && used.has('shipments.exportDone')).toBe(true);
    expect(missing).toEqual([]);
  });

  it('covers every sync key family: states, station roles, flag kinds, pairing problems', () => {
    for (const s of syncStatusSchema.shape.state.options) {
      expect(zh.has(`sync.state.${s}`), s).toBe(true);
      expect(zh.has(`sync.stateHint.${s}`), s).toBe(true);
    }
    for (const r of stationRoles) expect(zh.has(`sync.stationRoles.${r}`), r).toBe(true);
    for (const k of flagKinds) expect(zh.has(`flagKinds.${k}`), k).toBe(true);
    for (const s of ['running', 'starting', 'failed', 'off']) expect(zh.has(`sync.hosting.state.${s}`), s).toBe(true);
    for (const p of ['hubUrlMissing', 'hubUrlBad', 'codeBad', 'nameMissing', 'nameLong']) expect(zh.has(`sync.pairForm.${p}`), p).toBe(true);
    for (const k of inboxKinds) expect(zh.has(`inbox.kinds.${k}`), k).toBe(true);
  });

  it('covers every dynamic key family: error codes, platform statuses, mapping fields', () => {
    for (const code of errorCodes) expect(zh.has(`errors.${code}`), code).toBe(true);
    for (const s of platformStatuses) expect(zh.has(`platformStatus.${s}`), s).toBe(true);
    for (const f of mappingFields) expect(zh.has(`mapping.fields.${f}`), f).toBe(true);
    for (const c of ['CANCEL', 'REPRINT', 'NEXT', 'PARTIAL', 'SHIP', 'LOGOUT']) expect(zh.has(`commands.${c}`), c).toBe(true);
  });

  it('sends the reader to a Settings card by the title the card shows (设置 → 发件人, Settings → Sender)', () => {
    // The cards' titles on the Settings screen (SettingsScreen.tsx and the panels it shows).
    const cards = ['settings.language', 'settings.packing', 'settings.scanner', 'settings.sender', 'settings.packVideoTitle', 'settings.system', 'users.title', 'sync.panel.title', 'sync.hosting.title'];
    for (const [catalog, settings] of [[zh, '设置 → '], [enMap, 'Settings → ']] as const) {
      const titles = cards.map((k) => catalog.get(k)!);
      const pointers = [...catalog].flatMap(([key, text]) => text.split(settings).slice(1).map((after) => [key, after] as const));
      expect(pointers.length).toBeGreaterThan(3);
      for (const [key, after] of pointers) expect(titles.some((title) => after.startsWith(title)), `${key}: ${settings}${after}`).toBe(true);
    }
  });
});

/** Every key in a message and the messages among its parameters. */
function keysOf(message: Message): string[] {
  return [message.key, ...Object.values(message.params ?? {}).flatMap((p) => (isMessage(p) ? keysOf(p) : []))];
}

describe('messages the host, the CLI and the renderer make (catalog keys in code)', () => {
  const uses = messageUses(root, codeFiles);
  const translators = languages.map((lang) => createTranslator(lang));

  it('are found by the scan (it reads msg() calls and { key, params } literals)', () => {
    expect(uses.find((u) => u.key === 'pack.claimedElsewhere')?.params).toEqual(['station']);
    expect(uses.some((u) => u.key === 'rpc.unknownMethod')).toBe(true);
    expect(uses.some((u) => u.key === 'labelText.pickSlipMore')).toBe(true);
    expect(uses.length).toBeGreaterThan(150);
  });

  it('name keys both catalogs have, with exactly the parameters the text fills in', () => {
    const problems: string[] = [];
    for (const use of uses) {
      const text = zh.get(use.key);
      if (text === undefined || !enMap.has(use.key)) problems.push(`${use.where}: no catalog key ${use.key}`);
      else if (use.params && JSON.stringify([...use.params].sort()) !== JSON.stringify(placeholders(text))) {
        problems.push(`${use.where}: ${use.key} is given {${use.params.join(', ')}} but its text uses {${placeholders(text).join(', ')}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('render in both languages with every placeholder filled', () => {
    for (const { lang, t } of translators) {
      for (const use of uses) {
        const params = Object.fromEntries(placeholders(zh.get(use.key) ?? '').map((p) => [p!, `<${p}>`]));
        const text = t({ key: use.key as MessageKey, params });
        expect(text, `${lang} ${use.key}`).not.toBe(use.key);
        expect(text, `${lang} ${use.key}`).not.toContain('{{');
      }
    }
  });

  it('include the generated families: every block reason, carrier name and tracking hint', () => {
    const generated: Message[] = [
      ...platformStatuses.flatMap((s) => shipBlockReason(s, [{ refundStatus: '退款中' }])?.message ?? []),
      ...carriers.flatMap((c) => [carrierNameMessage(c.code), checkTrackingNo(c.code, '1').warning, checkTrackingNo(c.code, 'ZZ99999999999ZZ').warning]),
    ].filter(isMessage);
    expect(generated.length).toBeGreaterThan(carriers.length * 2);
    for (const message of generated) {
      for (const key of keysOf(message)) expect(zh.has(key) && enMap.has(key), key).toBe(true);
      for (const { lang, t } of translators) expect(t(message), `${lang} ${message.key}`).not.toMatch(/\{\{|^[\w-]+(\.[\w-]+)+$/);
    }
  });
});
