import { z } from 'zod';
import { REQUEST_KEY, waybillProviderNames } from '../domain/e-waybill';
import { defineOp } from './define-op';
import { carrierCode, isoTime, orderId, PROBLEM, text, trackingNo } from './fields';

const code = text(60).nullable();
/** 三段码, 大头笔, 集包地 and the 网点 codes, as the issuer returned them (null: it did not say). */
export const routingSchema = z.strictObject({
  sortCode: code, routeCode: code, hubCode: code, hubName: code, originCode: code, destinationCode: code,
});

/** Cainiao / PDD print data: opaque to us, passed unchanged to their print component. */
export const printDataSchema = z.strictObject({
  encryptedData: z.string().max(16_000).regex(/^[\x21-\x7e]*$/, PROBLEM.format),
  signature: z.string().max(2_000).regex(/^[\x21-\x7e]*$/, PROBLEM.format),
  templateUrl: text(500),
  ver: text(40),
});

const schema = z.strictObject({
  orderId,
  requestKey: z.string().regex(REQUEST_KEY, PROBLEM.format),
  provider: z.enum(waybillProviderNames),
  carrierCode,
  trackingNo,
  /** 子母件: the numbers of the shipment's other parcels, in order. */
  childNumbers: z.array(trackingNo).max(19),
  /** 子母件 from a platform: each child's own print data, in the order of childNumbers ([] when none). */
  childPrintData: z.array(printDataSchema.nullable()).max(19),
  routing: routingSchema,
  printData: printDataSchema.nullable(),
  templateSize: text(20).nullable(),
  /** What cancelling needs besides the number (快递100's carrier order number), else null. */
  providerRef: text(80).nullable(),
  /** Who holds the provider account and will cancel the number: the hub (for every bench), or the station that asked. */
  issuer: z.enum(['station', 'hub']),
  at: isoTime,
});

/**
 * A number an e-waybill provider issued for an order (取号), with its routing data and print data,
 * before any parcel exists: every bench can then pack the order offline and print its waybill, and
 * opening the order by scanning the pre-printed waybill works. The hub writes the ones it fetched for
 * every bench; a station that holds the provider account itself writes its own (a supervisor's act).
 */
export const waybillIssuedOp = defineOp({
  type: 'waybill.issued',
  version: 1,
  schema,
  maxBytes: 64 * 1024,
  role: (p: z.output<typeof schema>) => (p.issuer === 'hub' ? 'hub' : 'supervisor'),
  authorisable: true,
});
