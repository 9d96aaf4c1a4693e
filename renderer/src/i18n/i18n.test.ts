import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '#shared/contract/errors';
import { stationRoles } from '#shared/contract/hub.contract';
import { platformStatuses } from '#shared/contract/orders.contract';
import { flagKinds } from '#shared/ops/index';
import { syncStatusSchema } from '#shared/contract/sync.contract';
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
const srcDir = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

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
    for (const file of sources(srcDir)) {
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
    for (const f of ['open', 'all']) expect(zh.has(`flags.filters.${f}`), f).toBe(true);
  });

  it('covers every dynamic key family: error codes, platform statuses, mapping fields', () => {
    for (const code of errorCodes) expect(zh.has(`errors.${code}`), code).toBe(true);
    for (const s of platformStatuses) expect(zh.has(`platformStatus.${s}`), s).toBe(true);
    for (const f of mappingFields) expect(zh.has(`mapping.fields.${f}`), f).toBe(true);
    for (const c of ['CANCEL', 'REPRINT', 'NEXT', 'PARTIAL', 'SHIP', 'LOGOUT']) expect(zh.has(`commands.${c}`), c).toBe(true);
  });
});
