import { z } from 'zod';
import { ATTACHMENT_MIMES } from '../domain/attachments';
import { messageSchema } from '../i18n/message';
import { carrierCode, entityId, required, text } from '../ops/fields';

/**
 * The station ⇄ hub wire protocol (HTTP + JSON), DESIGN §9 and research/sync.md §7.4–7.5.
 * Every request carries the protocol, app and schema versions; every op its type and version.
 * Order comes from station_seq (per station) and hub_seq (global); clocks are metadata only.
 */
export const HUB_PROTOCOL = 2;
/** Ops per push request: a 10k backlog goes in bounded batches, never one huge body. */
export const PUSH_BATCH_MAX = 500;
/** The JSON size a station keeps one push under (the hub refuses bodies over its limit). */
export const PUSH_BYTES_MAX = 4 * 1024 * 1024;
/** Entries per pull response. */
export const PULL_LIMIT_MAX = 2000;
/** Payload bytes per pull response: a page ends early rather than grow without bound. */
export const PULL_BYTES_MAX = 4 * 1024 * 1024;
/** The author of entries the hub writes itself (flags, leases, count adjustments). */
export const HUB_AUTHOR = 'hub';

export const stationRoles = ['packer', 'supervisor', 'admin'] as const;
export const stationRoleSchema = z.enum(stationRoles);
export type StationRole = z.infer<typeof stationRoleSchema>;

/** Sent with every request (also as x-packdesk-* headers, so a hub can refuse before parsing). */
export const versionsSchema = z.object({
  protocol: z.number().int(),
  // Stored with the station: no control characters (a NUL fails every request on PostgreSQL).
  appVersion: text(40),
  schemaVersion: z.number().int(),
});
export type Versions = z.infer<typeof versionsSchema>;

/** One op as a station recorded it: gap-free station_seq, UUIDv7 op_id, the payload as recorded. */
const wireId = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z:_.~-]{0,79}$/);
export const wireOpSchema = z.object({
  stationSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  opId: wireId,
  type: z.string().regex(/^[a-z][a-z0-9-]{0,30}(\.[a-z][a-z0-9-]{0,30}){1,3}$/),
  version: z.number().int().positive().max(1000),
  payload: z.unknown(),
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T[0-9:.]{8,18}(Z|[+-]\d{2}:\d{2})$/),
  /** The user logged in at the station when it was recorded (who did it); older stations send none. */
  userId: wireId.nullable().default(null),
  /** The supervisor or admin user who authorised the op at a bench whose role alone may not send it. */
  authorizedBy: wireId.nullable().default(null),
});
export type WireOp = z.infer<typeof wireOpSchema>;

export const opOutcomes = ['accepted', 'conflict', 'rejected', 'parked'] as const;
/**
 * accepted: applied. conflict: recorded and applied, and a flag was raised (a lost claim, a second
 * shipment). rejected: malformed, oversized or not allowed for the station's role: kept apart as
 * evidence (never in the log, never pulled), flagged, never retried, never blocks later ops.
 * parked: an op type/version this hub does not know yet; kept in the log and evaluated after the
 * hub is upgraded.
 */
export const opOutcomeSchema = z.enum(opOutcomes);
export type OpOutcome = z.infer<typeof opOutcomeSchema>;

export const pairRequestSchema = versionsSchema.extend({
  code: z.string().regex(/^\d{8}$/, 'pairing code: 8 digits'),
  // A station id is named in flags and leases, which hold it to the entity id format: an id they
  // could not carry would make every push that flags this station fail.
  stationId: entityId.max(64),
  stationName: required(60),
});
/**
 * stationId: the id this station syncs as from now on. A code for a new station answers the id the
 * station sent; a replacement code answers the id of the station it replaces, and lastSeq, the
 * last op the hub holds from it, so the new PC numbers its ops after it.
 */
export const pairResponseSchema = z.object({
  token: z.string(),
  hubId: z.string(),
  hubEpoch: z.string(),
  role: stationRoleSchema,
  stationName: z.string(),
  stationId: z.string().min(1).max(64),
  lastSeq: z.number().int().min(0),
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

export const pushRequestSchema = versionsSchema.extend({
  hubEpoch: z.string().nullable(),
  ops: z.array(wireOpSchema).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;
/** A push as the hub first reads it: each op needs only its place in the sequence to be answered on its own. */
export const pushEnvelopeSchema = versionsSchema.extend({
  hubEpoch: z.string().max(64).nullable(),
  ops: z.array(z.looseObject({ stationSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) })).max(PUSH_BATCH_MAX),
});

export const pushResultSchema = z.object({
  stationSeq: z.number().int(),
  opId: z.string(),
  /** Null for a refused op: it is not in the log. */
  hubSeq: z.number().int().nullable(),
  outcome: opOutcomeSchema,
  reason: messageSchema.nullable(),
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({
  hubEpoch: z.string(),
  hubTime: z.string(),
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** One carrier's numbers as the hub counts them (the exceptions inbox's "waybill pool running low"). */
export const hubPoolSchema = z.object({ carrierCode: z.string(), free: z.number().int().nonnegative(), held: z.number().int().nonnegative() });
export type HubPool = z.infer<typeof hubPoolSchema>;

/** A log entry as every station pulls it. */
export const logEntrySchema = z.object({
  hubSeq: z.number().int().positive(),
  opId: z.string(),
  stationId: z.string(),
  stationSeq: z.number().int().nullable(),
  type: z.string(),
  version: z.number().int(),
  payload: z.unknown(),
  outcome: opOutcomeSchema,
  reason: messageSchema.nullable(),
  createdAt: z.string(),
  /** Who did it, when the hub knows the user (older hubs send none). */
  userId: z.string().max(100).nullable().default(null),
  authorizedBy: z.string().nullable().default(null),
});
export type LogEntry = z.infer<typeof logEntrySchema>;
export const pullResponseSchema = z.object({
  hubEpoch: z.string(),
  hubTime: z.string(),
  entries: z.array(logEntrySchema),
  /** The cursor to store with these entries (the last entry's hub_seq, or `after` when empty). */
  upto: z.number().int(),
  /** The hub's head: more entries exist when upto < head. */
  head: z.number().int(),
  /** Every paired station's name, so flags and parcels can say which bench. */
  stations: z.array(z.object({ stationId: z.string(), name: z.string() })).default([]),
  /**
   * The shop's waybill numbers per carrier, on the last page of a pull: free in the hub's pool, and
   * leased to active stations but on no parcel yet. Null from an older hub (and on earlier pages).
   */
  pools: z.array(hubPoolSchema).nullable().default(null),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const leaseRequestSchema = versionsSchema.extend({
  hubEpoch: z.string().nullable(),
  carrierCode,
  count: z.number().int().min(1).max(5000),
});
/** Leased numbers are also a log entry (waybill.leased), so a lost response loses nothing. */
export const leaseResponseSchema = z.object({
  hubEpoch: z.string(),
  leaseId: z.string().nullable(),
  hubSeq: z.number().int().nullable(),
  carrierCode: z.string(),
  numbers: z.array(z.string()),
  /** Free numbers left in the hub's pool for this carrier after this lease. */
  poolLeft: z.number().int(),
});

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  hubId: z.string(),
  hubEpoch: z.string(),
  protocol: z.number().int(),
  appVersion: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
  head: z.number().int(),
  hubTime: z.string(),
});

/**
 * Error bodies: { error: code, msg: a catalog message, ...detail }.
 * 400 invalid (malformed, too large, too deep), 401 unauthenticated (unknown/revoked token, bad
 * code), 403 forbidden, 409 gap {expected} | epoch_changed {hubEpoch} | station_taken (a pairing
 * that would take over a paired station), 426 upgrade_required, 429 rate_limited
 * {retryAfterSeconds} (too many wrong pairing codes from one address), 503 unavailable (retry).
 */
export const hubErrorCodes = [
  'invalid', 'unauthenticated', 'forbidden', 'gap', 'epoch_changed', 'station_taken', 'upgrade_required', 'rate_limited', 'unavailable',
  // Attachments: 409 offset_mismatch {expected}, 422 hash_mismatch (the completed bytes were not
  // the name: discarded), 404 not_uploaded (the hub has no complete copy), 410 expired (past the
  // hub's retention).
  'offset_mismatch', 'hash_mismatch', 'not_uploaded', 'expired',
] as const;
export const hubErrorSchema = z.object({
  error: z.enum(hubErrorCodes),
  msg: messageSchema,
  expected: z.number().int().optional(),
  hubEpoch: z.string().optional(),
  retryAfterSeconds: z.number().int().optional(),
});
export type HubError = z.infer<typeof hubErrorSchema>;

/**
 * Attachments travel on their own path, after the ops and never in their way: a station asks how
 * much of a file the hub holds (`GET /attachments/status`), appends chunks at exactly that offset
 * (`POST /attachments/chunk`, application/octet-stream) and anyone paired downloads a complete file
 * (`GET /attachments/file`, with Range). Versions travel in the query on all three.
 */
export const ATTACHMENT_CHUNK_MAX = 1024 * 1024;
const attachmentSha = z.string().regex(/^[0-9a-f]{64}$/);
export const attachmentRefQuerySchema = z.object({ sha256: attachmentSha });
export const attachmentChunkQuerySchema = z.object({
  sha256: attachmentSha,
  offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  total: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mime: z.enum(ATTACHMENT_MIMES),
});
export const attachmentStatusSchema = z.object({
  sha256: attachmentSha,
  /** Bytes the hub holds of this station's upload (all of them once complete); the next chunk must start here. */
  receivedBytes: z.number().int().min(0),
  /** The size declared when the upload began; null when nothing arrived yet. */
  totalBytes: z.number().int().min(0).nullable(),
  complete: z.boolean(),
  /** Kept past the shop's retention and let go; a station may send it again. */
  expired: z.boolean(),
});
export type AttachmentStatus = z.infer<typeof attachmentStatusSchema>;
