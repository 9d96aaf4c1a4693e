import { z } from 'zod';
import { procedure } from '../rpc/define';

const settingsFields = {
  language: z.enum(['zh-CN', 'en']),
  /** Hours after payment within which the shop promised to ship (Taobao default 48). */
  shipPromiseHours: z.number().int().min(1).max(24 * 30),
  autoCompleteOnLastScan: z.boolean(),
  idleLockMinutes: z.number().int().min(0).max(240),
  privacyMasking: z.boolean(),
  scanner: z.object({
    prefix: z.string().max(8),
    terminator: z.enum(['Enter', 'Tab', 'none']),
    minLength: z.number().int().min(1).max(64),
    maxGapMs: z.number().int().min(5).max(200),
  }),
  sender: z.object({ name: z.string().max(40), phone: z.string().max(40), address: z.string().max(200) }),
  /** Tare added to the sum of SKU weights, and the allowed deviation. */
  packagingWeightG: z.number().int().min(0),
  weightTolerancePct: z.number().int().min(0).max(100),
  /** A fixed band in grams: a parcel is within tolerance when within this or within the percentage. */
  weightToleranceG: z.number().int().min(0).max(10_000),
  /** Pack video (验货录像) at this bench: the camera records each order from open to ship or the next order. */
  packVideo: z.object({
    enabled: z.boolean(),
    /** Disk the clips may take; the oldest go first beyond it. */
    budgetGb: z.number().min(0.1).max(10_000),
    retentionDays: z.number().int().min(1).max(3650),
  }),
  /** Spoken prompts (错误商品, 完成) through the system's Chinese voice, when it has one. */
  speakPrompts: z.boolean(),
  /**
   * Disk the photos and pictures kept at this bench may take (pack clips have their own budget).
   * Beyond it, copies the hub has confirmed go, oldest first, and come back when looked at.
   */
  attachmentBudgetMb: z.number().int().min(100).max(10_000_000),
};

/** A complete settings document. Defaults live in one place (defaultSettings), not in the schema,
 * so that a partial update can never fill the fields it did not name with defaults. */
export const settingsSchema = z.object(settingsFields);
export const settingsPatchSchema = z.object(settingsFields).partial();

export const defaultSettings: z.infer<typeof settingsSchema> = {
  language: 'zh-CN',
  shipPromiseHours: 48,
  autoCompleteOnLastScan: true,
  idleLockMinutes: 10,
  privacyMasking: true,
  scanner: { prefix: '', terminator: 'Enter', minLength: 4, maxGapMs: 50 },
  sender: { name: '', phone: '', address: '' },
  packagingWeightG: 50,
  weightTolerancePct: 10,
  weightToleranceG: 20,
  packVideo: { enabled: false, budgetGb: 20, retentionDays: 180 },
  speakPrompts: false,
  attachmentBudgetMb: 2048,
};
export type Settings = z.infer<typeof settingsSchema>;

export const systemInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  orders: z.number().int(),
  skus: z.number().int(),
  stationId: z.string(),
});

export const settingsContract = {
  /** Station settings. */
  'settings.get': procedure(z.object({}), settingsSchema),
  /**
   * Updates station settings: a supervisor or admin, or anyone with a supervisor's PIN (as at the
   * bench); audited with who changed what and who authorised it.
   */
  'settings.update': procedure(settingsPatchSchema.extend({ authorizerPin: z.string().regex(/^\d{4,8}$/).optional() }), settingsSchema),
  /** Version, data folder and database facts. */
  'system.info': procedure(z.object({}), systemInfoSchema),
  /** Loads the bundled sample export, catalog and waybill pool so a new station can be tried at once. */
  'system.loadSamples': procedure(z.object({}), z.object({ orders: z.number().int(), skus: z.number().int(), waybills: z.number().int() })),
} as const;
