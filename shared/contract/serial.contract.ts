import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';

export const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const scaleFamilyNames = ['st-header', 'toledo', 'yaohua', 'yaohua-reversed', 'ohaus'] as const;

export const scannerFramingSchema = z.strictObject({
  /** What ends each code: CR, CRLF, or nothing (a pause of interByteMs). */
  suffix: z.enum(['CR', 'CRLF', 'none']).default('CR'),
  /** A fixed prefix the scanner sends first, stripped (printable ASCII). */
  prefix: z.string().max(8).regex(/^[\x20-\x7e]*$/).default(''),
  interByteMs: z.number().int().min(5).max(500).default(50),
});

export const scaleSetupSchema = z.strictObject({
  family: z.enum(scaleFamilyNames).default('st-header'),
  /** Toledo: a checksum byte follows each frame. */
  checksum: z.boolean().default(true),
  /** Yaohua frames carry no unit: the indicator's own. */
  unit: z.enum(['kg', 'g', 'lb']).default('kg'),
  /** Readings in a row within one display step for a weight to count as settled. */
  readings: z.number().int().min(2).max(50).default(5),
  minWeightG: z.number().int().min(1).max(100_000).default(20),
  /** The pan counts as empty again within this of zero. */
  zeroBandG: z.number().int().min(0).max(10_000).default(10),
});

/** One serial device the station keeps open: a USB-COM scanner or a scale. */
export const serialDeviceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  role: z.enum(['scanner', 'scale']),
  /** `/dev/ttyACM0`, `COM5`; a pty pair's link path works too (it never shows in the port list). */
  path: z.string().trim().min(1).max(256).regex(/^[^\0\r\n]+$/),
  baudRate: z.union(baudRates.map((b) => z.literal(b)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]).default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  scanner: scannerFramingSchema.default(scannerFramingSchema.parse({})),
  scale: scaleSetupSchema.default(scaleSetupSchema.parse({})),
});
export type SerialDevice = z.infer<typeof serialDeviceSchema>;
// One scale and a few scanners per bench; ids unique.
export const serialDevicesSchema = z
  .array(serialDeviceSchema)
  .max(4)
  .refine((list) => new Set(list.map((d) => d.id)).size === list.length, { message: 'duplicate id' })
  .refine((list) => list.filter((d) => d.role === 'scale').length <= 1, { message: 'one scale per bench' });

export const serialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof serialPortInfoSchema>;

export const serialLinkStatusSchema = z.enum(['connected', 'reconnecting', 'absent']);
export type SerialLinkStatus = z.infer<typeof serialLinkStatusSchema>;

export const serialOverviewSchema = z.object({
  ports: z.array(serialPortInfoSchema),
  /** Why the port list could not be read (no udev in a container …), or null. */
  listError: messageSchema.nullable(),
  devices: z.array(z.object({
    id: z.string(), role: z.enum(['scanner', 'scale']), path: z.string(), status: serialLinkStatusSchema,
    /** Frames dropped as noise since the device was set up. */
    dropped: z.number().int(),
  })),
});
export type SerialOverview = z.infer<typeof serialOverviewSchema>;

/**
 * The scale's live weight as the bench shows it. `overload`: over the scale's range (no weight);
 * `taken`: this weight already settled once and counts again only after the pan is cleared.
 */
export const liveWeightSchema = z.strictObject({
  grams: z.number().int().min(-1_000_000).max(1_000_000), stable: z.boolean(), overload: z.boolean(), taken: z.boolean(),
});
export type LiveWeight = z.infer<typeof liveWeightSchema>;

export const serialContract = {
  /** Serial ports seen on this PC (with USB vendor/product ids) and the configured devices' status. */
  'devices.serialOverview': procedure(z.object({}), serialOverviewSchema),
  /** The configured serial scanners and scale. */
  'devices.getSerial': procedure(z.object({}), serialDevicesSchema),
  /** Saves the serial scanners and scale; they are opened (and reopened after unplugs) at once. */
  'devices.setSerial': procedure(z.object({ devices: serialDevicesSchema }), serialDevicesSchema),
  /** The scale's live weight now (null: no scale, or none reads): a window that (re)loads shows it before it next changes. */
  'devices.scaleLive': procedure(z.strictObject({}), liveWeightSchema.nullable()),
} as const;
