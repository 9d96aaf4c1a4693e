import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
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
import { forbidden, HubFailure, invalid, isTransient, unauthenticated } from './hub-errors';
import type { Pairing } from './stations/pairing.service';
import { listStations, stationByToken, touchStation, type AuthedStation } from './stations/stations.repo';
import type { HubTables } from './store/hub-schema';
import { readIdentity } from './store/hub-meta.repo';
import { readHead } from './sync/hub-log.repo';
import { leaseWaybills } from './sync/lease.service';
import { pullLog } from './sync/pull.service';
import { applyPush } from './sync/push.service';

export type HubRequest = { method: 'GET' | 'POST'; path: string; token: string | null; query?: Record<string, string>; body?: unknown };
export type HubResponse = { status: number; body: unknown };
type RouteDeps = { db: Kysely<HubTables>; now: () => Date; log: (line: string) => void; pairing: Pairing; storage: 'sqlite' | 'postgres'; appVersion: string };
type Authed = { station: AuthedStation; versions: Versions; req: HubRequest };

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
      const paired = await deps.pairing.pair(body);
      const { hubId, epoch } = await readIdentity(db);
      deps.log(`hub: station ${body.stationName} (${body.stationId}) paired as ${paired.role}`);
      return { token: paired.token, hubId, hubEpoch: epoch, role: paired.role, stationName: paired.stationName };
    },
  };
  const authed: Record<string, (a: Authed) => Promise<unknown>> = {
    'POST /sync/push': async ({ station, req }) => {
      const ops = (req.body as { ops?: unknown }).ops;
      if (Array.isArray(ops) && ops.length > PUSH_BATCH_MAX) throw invalid(`At most ${PUSH_BATCH_MAX} ops per push; send the rest in the next batch`);
      // Each op is validated on its own (push.service): one bad op is refused, the rest go on.
      const body = parse(pushEnvelopeSchema, req.body);
      return applyPush(db, now, station, { ...body, ops: body.ops.map((raw) => ({ stationSeq: raw.stationSeq, raw })) });
    },
    'GET /sync/pull': async ({ req }) => {
      const q = req.query ?? {};
      const after = q['after'] === undefined ? 0 : Number(q['after']);
      const limit = q['limit'] === undefined ? PULL_LIMIT_MAX : Number(q['limit']);
      if (!Number.isSafeInteger(after) || after < 0) throw invalid('after: a hub_seq (integer ≥ 0)');
      if (!Number.isSafeInteger(limit) || limit < 1) throw invalid('limit: an integer ≥ 1');
      return pullLog(db, now, { after, limit, hubEpoch: q['hubEpoch'] || null });
    },
    'POST /sync/lease': async ({ station, req }) => {
      const body = parse(leaseRequestSchema, req.body);
      return leaseWaybills(db, now, station.stationId, body);
    },
    'POST /admin/pairing-codes': async ({ station, req }) => {
      requireAdmin(station);
      const { role } = parse(versionsSchema.extend({ role: stationRoleSchema }), req.body);
      return deps.pairing.newCode(role);
    },
    'GET /admin/stations': async ({ station }) => {
      requireAdmin(station);
      return listStations(db);
    },
  };

  return async (req) => {
    const key = `${req.method} ${req.path}`;
    try {
      const openRoute = open[key];
      if (openRoute) return { status: 200, body: await openRoute(req) };
      const route = authed[key];
      if (!route) return { status: 404, body: { error: 'invalid', message: `No such endpoint: ${key}` } };
      const station = req.token ? await stationByToken(db, req.token) : undefined;
      if (!station) throw unauthenticated();
      const source = req.method === 'GET' ? queryVersions(req.query ?? {}) : req.body;
      checkProtocol(source);
      const versions = parse(versionsSchema, source);
      await touchStation(db, station.stationId, versions, now().toISOString());
      return { status: 200, body: await route({ station, versions, req }) };
    } catch (error) {
      if (error instanceof HubFailure) return { status: error.status, body: error.body };
      if (isTransient(error)) {
        deps.log(`hub: ${key} deferred, storage unavailable: ${String(error)}`);
        return { status: 503, body: { error: 'unavailable', message: '中心数据库暂不可用，请稍后重试 / Hub storage unavailable: retry shortly' } };
      }
      deps.log(`hub: ${key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { status: 500, body: { error: 'unavailable', message: 'Internal hub error; nothing was applied. Retry later.' } };
    }
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

/** A station newer than the hub is told so before its body is read: the body may have a shape this hub cannot parse. */
function checkProtocol(source: unknown): void {
  const protocol = source && typeof source === 'object' ? (source as { protocol?: unknown }).protocol : undefined;
  if (typeof protocol === 'number' && protocol > HUB_PROTOCOL) {
    throw new HubFailure(426, {
      error: 'upgrade_required',
      message: `此中心版本过旧（协议 ${HUB_PROTOCOL}，工位 ${protocol}），请升级中心 / This hub speaks protocol ${HUB_PROTOCOL}, the station ${protocol}: upgrade the hub`,
    });
  }
  if (protocol === undefined) throw invalid('protocol, appVersion and schemaVersion are required with every request');
}

const queryVersions = (q: Record<string, string>) => ({
  protocol: q['protocol'] === undefined ? undefined : Number(q['protocol']),
  appVersion: q['appVersion'],
  schemaVersion: q['schemaVersion'] === undefined ? undefined : Number(q['schemaVersion']),
});

function requireAdmin(station: AuthedStation): void {
  if (station.role !== 'admin') throw forbidden('只有管理员工位可以执行此操作 / Only an admin station may do this');
}
