import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  attachmentChunkQuerySchema,
  attachmentRefQuerySchema,
  HUB_PROTOCOL,
  leaseRequestSchema,
  pairRequestSchema,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  pushEnvelopeSchema,
  stationRoleSchema,
  versionsSchema,
  type Versions,
} from '#shared/contract/hub.contract';
import { hubCheckRequestSchema, hubIssueRequestSchema, HUB_ISSUE_MAX } from '#shared/contract/hub-waybills.contract';
import { msg } from '#shared/i18n/message';
import type { HubAttachments, HubFile } from './attachments/hub-attachments.service';
import { forbidden, HubFailure, invalid, isTransient, unauthenticated } from './hub-errors';
import type { Pairing } from './stations/pairing.service';
import { sourceKey } from './stations/source-address';
import { listStations, stationByToken, stationToucher, type AuthedStation } from './stations/stations.repo';
import type { HubTables } from './store/hub-schema';
import { readIdentity } from './store/hub-meta.repo';
import { readHead } from './sync/hub-log.repo';
import { leaseWaybills } from './sync/lease.service';
import { pullLog } from './sync/pull.service';
import { applyPush } from './sync/push.service';
import type { TrackingService } from './tracking/tracking.service';
import type { HubWaybillsService } from './waybills/hub-waybills.service';

/**
 * One request, whatever carried it. `source`: the client's address as the transport saw it
 * (pairing tries are counted per address); absent for in-process callers such as the simulator.
 */
export type HubRequest = { method: 'GET' | 'POST'; path: string; token: string | null; query?: Record<string, string>; body?: unknown; source?: string };
/** `file`: a complete attachment to send as it is (the server streams it, with Range). */
export type HubResponse = { status: number; body: unknown; file?: HubFile };
type RouteDeps = { db: Kysely<HubTables>; now: () => Date; log: (line: string) => void; pairing: Pairing; storage: 'sqlite' | 'postgres'; appVersion: string;
  attachments: HubAttachments;
  /** The hub's certificate fingerprint, shown with every pairing code. */
  fingerprint: string;
  tracking: TrackingService;
  waybills: HubWaybillsService;
};
type Authed = { station: AuthedStation; versions: Versions; req: HubRequest };
/** An answer that is a file, not JSON. */
class FileAnswer {
  constructor(readonly file: HubFile) {}
}
/** Routes whose body is bytes, not JSON: their versions travel in the query. */
const RAW_BODY_ROUTES = new Set(['POST /attachments/chunk']);
/** Tracking providers' pushes: no station token, the provider's signature over the raw body is the proof. */
export const TRACKING_PUSH_ROUTES = { 'POST /tracking/push/kuaidi100': 'kuaidi100', 'POST /tracking/push/kdniao': 'kdniao' } as const;

/**
 * The hub's one entry point, independent of HTTP: the Fastify server and the in-process
 * simulator both call it. Every answer is JSON; errors follow hubErrorSchema.
 */
export function createHandler(deps: RouteDeps): (req: HubRequest) => Promise<HubResponse> {
  const { db, now } = deps;
  const open: Record<string, (req: HubRequest) => Promise<unknown>> = {
    'GET /health': async () => {
      const { hubId, epoch } = await readIdentity(db);
      const head = await readHead(db);
      return { ok: true, hubId, hubEpoch: epoch, protocol: HUB_PROTOCOL, appVersion: deps.appVersion, storage: deps.storage, head, hubTime: now().toISOString() };
    },
    'POST /pair': async (req) => {
      checkProtocol(req.body);
      const body = parse(pairRequestSchema, req.body);
      const paired = await deps.pairing.pair(body, sourceKey(req.source));
      const { hubId, epoch } = await readIdentity(db);
      const took = paired.stationId === body.stationId ? '' : ` replacing station ${paired.stationId} from seq ${paired.lastSeq}`;
      deps.log(`hub: station ${body.stationName} (${body.stationId}) paired as ${paired.role}${took}`);
      return { ...paired, hubId, hubEpoch: epoch };
    },
  };
  const authed: Record<string, (a: Authed) => Promise<unknown>> = {
    'POST /sync/push': async ({ station, req }) => {
      const ops = (req.body as { ops?: unknown }).ops;
      if (Array.isArray(ops) && ops.length > PUSH_BATCH_MAX) throw invalid(msg('hub.error.tooManyOps', { max: PUSH_BATCH_MAX }));
      // Each op is validated on its own (push.service): one bad op is refused, the rest go on.
      const body = parse(pushEnvelopeSchema, req.body);
      const pushed = await applyPush(db, now, station, { ...body, ops: body.ops.map((raw) => ({ stationSeq: raw.stationSeq, raw })) });
      // A cancel the rule queued is sent now rather than on the worker's next tick (it is committed by here).
      if (body.ops.some((o) => (o as { type?: unknown }).type === 'waybill.cancel-requested')) deps.waybills.kick();
      return pushed;
    },
    'GET /sync/pull': async ({ req }) => {
      const q = req.query ?? {};
      const after = q['after'] === undefined ? 0 : Number(q['after']);
      const limit = q['limit'] === undefined ? PULL_LIMIT_MAX : Number(q['limit']);
      if (!Number.isSafeInteger(after) || after < 0) throw invalid(msg('hub.error.pullAfter'));
      if (!Number.isSafeInteger(limit) || limit < 1) throw invalid(msg('hub.error.pullLimit'));
      return pullLog(db, now, { after, limit, hubEpoch: q['hubEpoch'] || null });
    },
    'POST /sync/lease': async ({ station, req }) => {
      const body = parse(leaseRequestSchema, req.body);
      return leaseWaybills(db, now, station.stationId, body);
    },
    'POST /admin/pairing-codes': async ({ station, req }) => {
      requireAdmin(station);
      const { role } = parse(versionsSchema.extend({ role: stationRoleSchema }), req.body);
      return { ...(await deps.pairing.newCode(role)), fingerprint: deps.fingerprint };
    },
    'POST /admin/replacement-codes': async ({ station, req }) => {
      requireAdmin(station);
      const { stationId } = parse(versionsSchema.extend({ stationId: z.string().min(1).max(64) }), req.body);
      const code = await deps.pairing.newReplacementCode(stationId);
      if (!code) throw invalid(msg('hub.pairing.unknownStation', { stationId }));
      return { ...code, fingerprint: deps.fingerprint };
    },
    'GET /admin/stations': async ({ station }) => {
      requireAdmin(station);
      return listStations(db);
    },
    // E-waybills (取号) for any bench: the hub holds the provider accounts (issue 11).
    'POST /waybills/issue': async ({ req }) => {
      const requests = (req.body as { requests?: unknown }).requests;
      if (Array.isArray(requests) && requests.length > HUB_ISSUE_MAX) throw invalid(msg('hubWaybills.tooManyRequests', { max: HUB_ISSUE_MAX }));
      return deps.waybills.issue(parse(hubIssueRequestSchema, req.body));
    },
    'GET /waybills/providers': async () => deps.waybills.providers(),
    'POST /waybills/check': async ({ req }) => deps.waybills.check(parse(hubCheckRequestSchema, req.body).provider),
    // Attachments, from and to any paired station (a photo is evidence for every bench and phone).
    'GET /attachments/status': async ({ station, req }) => deps.attachments.status(parse(attachmentRefQuerySchema, req.query).sha256, station.stationId),
    'POST /attachments/chunk': async ({ station, req }) => {
      if (!(req.body instanceof Uint8Array)) throw new HubFailure(415, { error: 'invalid', msg: msg('hub.error.chunkNotBinary') });
      return deps.attachments.append(station.stationId, parse(attachmentChunkQuerySchema, req.query), req.body);
    },
    'GET /attachments/file': async ({ req }) => new FileAnswer(await deps.attachments.open(parse(attachmentRefQuerySchema, req.query).sha256)),
  };

  const touch = stationToucher(db);
  return async (req) => {
    const key = `${req.method} ${req.path}`;
    try {
      const pushFrom = TRACKING_PUSH_ROUTES[key as keyof typeof TRACKING_PUSH_ROUTES];
      if (pushFrom) {
        if (!(req.body instanceof Uint8Array)) throw new HubFailure(415, { error: 'invalid', msg: msg('hub.error.contentType') });
        const reply = await deps.tracking.handlePush(pushFrom, req.body);
        return { status: reply.status, body: reply.body };
      }
      const openRoute = open[key];
      if (openRoute) return { status: 200, body: await openRoute(req) };
      const route = authed[key];
      if (!route) return { status: 404, body: { error: 'invalid', msg: msg('hub.error.noSuchEndpoint', { endpoint: key.slice(0, 200) }) } };
      const station = req.token ? await stationByToken(db, req.token) : undefined;
      if (!station) throw unauthenticated();
      const source = req.method === 'GET' || RAW_BODY_ROUTES.has(key) ? queryVersions(req.query ?? {}) : req.body;
      checkProtocol(source);
      const versions = parse(versionsSchema, source);
      await touch(station.stationId, versions, now());
      const answer = await route({ station, versions, req });
      return answer instanceof FileAnswer ? { status: 200, body: null, file: answer.file } : { status: 200, body: answer };
    } catch (error) {
      if (error instanceof HubFailure) return { status: error.status, body: error.body };
      if (isTransient(error)) {
        deps.log(`hub: ${key} deferred, storage unavailable: ${String(error)}`);
        return { status: 503, body: { error: 'unavailable', msg: msg('hub.error.storageUnavailable') } };
      }
      deps.log(`hub: ${key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { status: 500, body: { error: 'unavailable', msg: msg('hub.error.internal') } };
    }
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid(msg('hub.error.invalidField', { field: issue?.path.join('.').slice(0, 200) || 'body', problem: (issue?.message ?? 'invalid').slice(0, 300) }));
}

/** A station newer than the hub is told so before its body is read: the body may have a shape this hub cannot parse. */
function checkProtocol(source: unknown): void {
  const protocol = source && typeof source === 'object' ? (source as { protocol?: unknown }).protocol : undefined;
  if (typeof protocol === 'number' && protocol > HUB_PROTOCOL) {
    throw new HubFailure(426, { error: 'upgrade_required', msg: msg('hub.error.upgradeRequired', { hub: HUB_PROTOCOL, station: protocol }) });
  }
  if (protocol === undefined) throw invalid(msg('hub.error.versionsRequired'));
}

const queryVersions = (q: Record<string, string>) => ({
  protocol: q['protocol'] === undefined ? undefined : Number(q['protocol']),
  appVersion: q['appVersion'],
  schemaVersion: q['schemaVersion'] === undefined ? undefined : Number(q['schemaVersion']),
});

function requireAdmin(station: AuthedStation): void {
  if (station.role !== 'admin') throw forbidden(msg('hub.error.adminOnly'));
}
