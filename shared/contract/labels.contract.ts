import { z } from 'zod';
import { procedure } from '../rpc/define';
import { labelSizeSchema, printResultSchema } from './devices.contract';

/** A waybill as the host rendered it, for the bench to show beside the lines. */
export const labelPreviewSchema = z.object({ pngBase64: z.string(), widthMm: z.number(), heightMm: z.number() });
export type LabelPreviewImage = z.infer<typeof labelPreviewSchema>;

export const labelsContract = {
  /** A PNG preview of a shipment's waybill, or of the waybill an order would get (with a sample number). */
  'labels.preview': procedure(
    z.object({ shipmentId: z.string().optional(), orderId: z.string().optional(), size: labelSizeSchema.optional() }),
    labelPreviewSchema,
  ),
  /** Prints one pick slip per order, each with the order's barcode. */
  'labels.printPickSlips': procedure(z.object({ orderIds: z.array(z.string()).min(1).max(2000) }), printResultSchema),
  /** Prints a batch pick list grouped by SKU and location for the given orders. */
  'labels.printPickList': procedure(z.object({ orderIds: z.array(z.string()).min(1).max(2000) }), printResultSchema),
  /** Prints the sheet of command barcodes (cancel, reprint, next, partial, ship, logout). */
  'labels.printCommandSheet': procedure(z.object({}), printResultSchema),
  /** Prints an order's packing slip (发货单) again on the bench's slip printer: after one did not print. */
  'labels.printPackingSlip': procedure(z.object({ orderId: z.string().min(1).max(100) }), printResultSchema),
} as const;
