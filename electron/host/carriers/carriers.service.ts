import { z } from 'zod';
import { carrierRuleSchema, type Carrier, type CarrierRule } from '#shared/contract/carriers.contract';
import { AppError } from '#shared/contract/errors';
import { provinceKey, ruleProblems } from '#shared/domain/carrier-rules';
import { carriers as knownCarriers, findCarrier } from '#shared/domain/carriers';
import { msg } from '#shared/i18n/message';
import type { Db } from '../db/open-database';
import { inTransaction } from '../db/open-database';
import { POOLED_PER_OP } from '#shared/ops/waybill-pooled.op';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import type { SettingsRepo } from '../settings/settings.repo';
import type { NamedBytes } from '../orders/import/csv-file';
import { parseWaybillPool } from './waybill-pool.parser';
import type { WaybillPoolRepo } from './waybill-pool.repo';

const rulesSchema = z
  .object({ rules: z.array(carrierRuleSchema), defaultCarrier: z.string().nullable() })
  .default({ rules: [], defaultCarrier: null });
type RuleSet = z.infer<typeof rulesSchema>;

/** What a carrier rule looks at when choosing for one parcel. */
export type ParcelFacts = { province: string; weightG: number | null; skuCodes: readonly string[] };

function ruleMatches(rule: CarrierRule, parcel: ParcelFacts): boolean {
  if (rule.provinces.length > 0 && !rule.provinces.some((p) => provinceKey(p) === provinceKey(parcel.province))) return false;
  if (rule.minWeightG !== null && (parcel.weightG === null || parcel.weightG < rule.minWeightG)) return false;
  if (rule.maxWeightG !== null && (parcel.weightG === null || parcel.weightG > rule.maxWeightG)) return false;
  if (rule.skuCodes.length > 0 && !parcel.skuCodes.some((s) => rule.skuCodes.includes(s))) return false;
  return true;
}

/** Carriers, their waybill-number pools and the rules that pick a carrier for a parcel. */
export function createCarriersService(deps: {
  db: Db; pool: WaybillPoolRepo; settings: SettingsRepo; recorder: OpRecorder; syncCursor: () => number;
  /** Whether the catalog has this SKU code (rules naming one it lacks are saved with a warning). */
  skuKnown: (code: string) => boolean;
}) {
  const { db, pool, settings, recorder } = deps;
  const enabledRows = db.prepare('SELECT code, enabled FROM carriers');
  const setEnabled = db.prepare(
    'INSERT INTO carriers (code, enabled) VALUES (@code, @enabled) ON CONFLICT (code) DO UPDATE SET enabled = excluded.enabled',
  );

  const list = (): Carrier[] => {
    const enabled = new Map((enabledRows.all() as { code: string; enabled: number }[]).map((r) => [r.code, r.enabled === 1]));
    const counts = pool.counts();
    return knownCarriers.map((c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.englishName,
      enabled: enabled.get(c.code) ?? true,
      pool: counts.get(c.code) ?? { free: 0, used: 0, void: 0 },
    }));
  };
  const requireCarrier = (code: string) => {
    const carrier = findCarrier(code);
    if (!carrier) throw new AppError('NOT_FOUND', msg('carriers.unknown', { code }));
    return carrier;
  };
  // Read each time (once per parcel): rules saved at another bench arrive through the log.
  const rules = (): RuleSet => settings.get('carrierRules', rulesSchema);

  return {
    list,
    requireCarrier,
    setEnabled(code: string, isEnabled: boolean): Carrier {
      requireCarrier(code);
      setEnabled.run({ code, enabled: isEnabled ? 1 : 0 });
      return list().find((c) => c.code === code) as Carrier;
    },
    /** `source`: pasted text, or an uploaded file (decoded strictly, like every import). */
    importPool(carrierCode: string, source: string | NamedBytes, actor: Actor | null) {
      requireCarrier(carrierCode);
      const parsed = parseWaybillPool(source, { carrierCode });
      if (parsed.errors.length > 0) {
        return { added: 0, duplicates: parsed.duplicates, heldElsewhere: 0, errors: parsed.errors, warnings: parsed.warnings, rejected: true };
      }
      const at = new Date().toISOString();
      const { added, heldElsewhere } = inTransaction(db, () => {
        const result = pool.add(carrierCode, parsed.numbers, at);
        // The new numbers: at the hub they become this station's lease, never handed to another.
        // Numbers another bench holds stay out of the op as they stay out of the pool.
        for (let i = 0; i < result.added.length; i += POOLED_PER_OP) {
          recorder.record('waybill.pooled', { carrierCode, numbers: result.added.slice(i, i + POOLED_PER_OP), source: 'import' }, { at, actor });
        }
        return result;
      });
      return {
        added: added.length,
        duplicates: parsed.duplicates + (parsed.numbers.length - added.length - heldElsewhere),
        heldElsewhere,
        errors: [],
        warnings: parsed.warnings,
        rejected: false,
      };
    },
    getRules: rules,
    /**
     * The shop's rules (carrier.rules-saved): every bench chooses carriers the same way. A rule that
     * could never match (min weight above max, a province no address has) is refused, naming it; SKU
     * codes the catalog does not know are saved (their SKUs may be imported later) and named back.
     */
    saveRules(next: RuleSet, actor: Actor | null): RuleSet & { unknownSkuCodes: string[] } {
      next.rules.forEach((r, i) => {
        requireCarrier(r.carrierCode);
        const [problem] = ruleProblems(r);
        if (problem) throw new AppError('INVALID_INPUT', msg('rules.inRule', { rule: i + 1, problem: problem.message }));
      });
      if (next.defaultCarrier) requireCarrier(next.defaultCarrier);
      inTransaction(db, () => recorder.record('carrier.rules-saved', { ...next, seenHubSeq: deps.syncCursor() }, { actor }));
      const unknownSkuCodes = [...new Set(next.rules.flatMap((r) => r.skuCodes))].filter((code) => !deps.skuKnown(code));
      return { ...rules(), unknownSkuCodes };
    },
    /** The carrier for a parcel: the first matching rule, else the default, else the only stocked one. */
    choose(parcel: ParcelFacts): string {
      const set = rules();
      const hit = set.rules.find((r) => ruleMatches(r, parcel));
      if (hit) return hit.carrierCode;
      if (set.defaultCarrier) return set.defaultCarrier;
      const stocked = list().filter((c) => c.enabled && c.pool.free > 0);
      if (stocked.length === 1 && stocked[0]) return stocked[0].code;
      throw new AppError('INVALID_INPUT', msg('carriers.chooseCarrier'));
    },
  };
}
export type CarriersService = ReturnType<typeof createCarriersService>;
