import { z } from 'zod';
import { procedure } from '../rpc/define';

export const settingsSchema = z.object({
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** Hours after payment within which the shop promised to ship (Taobao default 48). */
  shipPromiseHours: z.number().int().min(1).max(24 * 30).default(48),
  autoCompleteOnLastScan: z.boolean().default(true),
  idleLockMinutes: z.number().int().min(0).max(240).default(10),
  privacyMasking: z.boolean().default(true),
  scanner: z
    .object({
      prefix: z.string().max(8).default(''),
      terminator: z.enum(['Enter', 'Tab', 'none']).default('Enter'),
      minLength: z.number().int().min(1).max(64).default(4),
      maxGapMs: z.number().int().min(5).max(200).default(50),
    })
    .default({ prefix: '', terminator: 'Enter', minLength: 4, maxGapMs: 50 }),
  sender: z
    .object({ name: z.string().max(40).default(''), phone: z.string().max(40).default(''), address: z.string().max(200).default('') })
    .default({ name: '', phone: '', address: '' }),
  /** Tare added to the sum of SKU weights, and the allowed deviation. */
  packagingWeightG: z.number().int().min(0).default(50),
  weightTolerancePct: z.number().int().min(0).max(100).default(10),
});
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
  /** Updates station settings (admin only). */
  'settings.update': procedure(settingsSchema.partial(), settingsSchema),
  /** Version, data folder and database facts. */
  'system.info': procedure(z.object({}), systemInfoSchema),
  /** Loads the bundled sample export, catalog and waybill pool so a new station can be tried at once. */
  'system.loadSamples': procedure(z.object({}), z.object({ orders: z.number().int(), skus: z.number().int(), waybills: z.number().int() })),
} as const;
