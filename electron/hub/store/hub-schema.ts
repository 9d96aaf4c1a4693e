import type { OpOutcome, StationRole } from '#shared/contract/hub.contract';

/**
 * The hub's tables as Kysely sees them. Column types are the portable subset of SQLite and
 * PostgreSQL: TEXT, INTEGER and BIGINT (read back as JS numbers; hub_seq stays far below 2^53),
 * booleans as 0/1 integers, times as ISO-8601 text, JSON payloads as text.
 */
export type HubTables = {
  hub_migrations: { name: string; applied_at: string };
  /** hub_id (stable for the life of the shop's hub) and epoch (rotated on every restore). */
  hub_meta: { key: string; value: string };
  /** One row (id 1): the last hub_seq handed out. Its row lock serializes every log writer. */
  hub_counter: { id: number; value: number };
  stations: {
    station_id: string;
    name: string;
    role: StationRole;
    /** sha256 of the bearer token; the token itself is never stored. */
    token_hash: string;
    /** The highest station_seq applied: the next push must start at last_seq + 1. */
    last_seq: number;
    last_seen: string | null;
    app_version: string | null;
    schema_version: number | null;
    paired_at: string;
  };
  pairing_codes: {
    code_hash: string;
    role: StationRole;
    expires_at: string;
    used_at: string | null;
    used_by: string | null;
    created_at: string;
    /** A replacement code: the station a new PC takes over (migration 0003). NULL: a new station only. */
    replaces: string | null;
  };
  /** Pairing tries per source address in the current window (migration 0003). */
  pairing_attempts: { source: string; window_start: string; attempts: number };
  /** PostgreSQL hubs: the TLS key and certificate (one row, id 1). */
  hub_tls: { id: number; key_pem: string; cert_pem: string; created_at: string };
  hub_log: {
    hub_seq: number;
    op_id: string;
    station_id: string;
    /** NULL for entries the hub wrote itself (flags, leases, count adjustments). */
    station_seq: number | null;
    type: string;
    version: number;
    /** The payload exactly as the station sent it (stations upcast on pull). */
    payload: string;
    outcome: OpOutcome;
    /** Why it is parked or in conflict: a Message as JSON (older rows: prose). */
    reason: string | null;
    created_at: string;
    received_at: string;
    /** The user logged in at the station when it was recorded, when the hub knows them (migration 0011). */
    user_id: string | null;
    /** The supervisor or admin user who authorised the op at a bench of a lower role. */
    authorized_by: string | null;
  };
  /** Ops the hub refused: kept as evidence, never in the log, so no station ever pulls them. */
  hub_rejected: {
    station_id: string;
    station_seq: number;
    op_id: string;
    type: string;
    version: number;
    payload: string;
    /** A Message as JSON. */
    reason: string;
    received_at: string;
  };
  /** The shop's users as the log says (user.saved): who may authorise what. */
  hub_users: { user_id: string; role: StationRole; active: number; badge_hash: string | null; hub_seq: number };
  hub_orders: {
    order_id: string;
    generation: number;
    rank: number;
    platform_status: string | null;
    cancelled: number;
    claim_station: string | null;
    claim_op_id: string | null;
  };
  /** Voids recorded before their parcel reached the hub (see migration 0002). */
  hub_voids: { shipment_id: string; hub_seq: number };
  hub_shipments: {
    shipment_id: string;
    order_id: string;
    /** Parcels created together share a group; a second live group is a double ship. */
    group_id: string;
    carrier_code: string;
    /** NULL when the number was already on another shipment (flagged, never stored twice). */
    tracking_no: string | null;
    station_id: string;
    partial: number;
    voided: number;
    /** The shipment.created op, named in flags about this parcel. */
    op_id: string;
    hub_seq: number;
    /** A reship parcel: the damage report it answers (migration 0006); NULL for the order's own parcels. */
    reship_report_id: string | null;
  };
  /** `bucket`: sellable or damaged (migration 0006; older rows are the shelf's). */
  hub_stock: { delta_id: string; sku_code: string; delta: number; hub_seq: number; station_id: string; bucket: string };
  /** Running balance per SKU, so a delta never has to sum the whole ledger to spot a negative crossing. */
  hub_sku_balance: { sku_code: string; balance: number };
  hub_waybills: {
    carrier_code: string;
    number: string;
    /** NULL while free in the hub's pool; once set, never cleared (numbers are never re-issued). */
    lease_id: string | null;
    station_id: string | null;
    added_at: string;
  };
  hub_flags: {
    flag_id: string;
    kind: string;
    order_id: string | null;
    raised_seq: number;
    resolved_seq: number | null;
    resolution: string | null;
  };
  hub_damage: { report_id: string; payload: string; hub_seq: number };
  /** A return as received; `booked`: units its stock movements booked so far, per "<bucket> <sku>" (JSON). */
  hub_returns: { return_id: string; station_id: string; payload: string; booked: string; hub_seq: number };
  hub_decisions: {
    decision_id: string;
    report_id: string;
    decision: string;
    seen_hub_seq: number;
    hub_seq: number;
    station_id: string;
  };
  /** One station's upload of one file (migration 0005): declared size and type, bytes received so far, complete or not. */
  hub_attachments: {
    sha256: string;
    station_id: string;
    mime: string;
    bytes: number;
    received_bytes: number;
    created_at: string;
    /** The last chunk's arrival (an upload idle for a month is let go). */
    updated_at: string;
    completed_at: string | null;
    expired_at: string | null;
  };
  /** Settlements of carrier claims (claim.settled), to flag two that disagree blind (migration 0006). */
  /** Closed courier handovers (migration 0008): a second close of one is flagged. */
  hub_handovers: { handover_id: string; station_id: string; op_id: string; hub_seq: number };
  /** The handover that took each parcel first, in the hub's order (migration 0008). */
  hub_handed_over: { shipment_id: string; handover_id: string; hub_seq: number };
  hub_claim_settlements: { settlement_id: string; claim_id: string; outcome: string; seen_hub_seq: number; hub_seq: number; station_id: string };
  /**
   * Parcels the hub follows with a tracking provider (migration 0008): its schedule and a
   * fingerprint of the last tracking.updated it wrote. `state`: a TrackingState or NULL (no trace yet).
   */
  hub_tracking: {
    shipment_id: string;
    order_id: string;
    carrier_code: string;
    tracking_no: string;
    printed_at: string;
    /** NULL until handovers feed it. */
    handed_over_at: string | null;
    /** The provider that answered last (kuaidi100 | kdniao); NULL before the first ask. */
    provider: string | null;
    state: string | null;
    final: number;
    fingerprint: string | null;
    /** When the provider accepted a subscription for it (pushes then carry the news). */
    subscribed_at: string | null;
    next_at: string;
    failures: number;
    last_asked_at: string | null;
    /** The last failure's kind (a TrackingErrorKind), NULL after a good answer. */
    last_error: string | null;
    /** The newest node time (ISO, UTC) of the trace last written, and its node count (0012); NULL before. */
    trace_at: string | null;
    trace_nodes: number | null;
  };
  /** The last four digits of an order's receiver phone (顺丰 and 中通 want them to answer). */
  hub_tracking_phones: { order_id: string; phone_tail: string };
  /**
   * E-waybill numbers the hub fetched for the benches (migration 0010): the request key that
   * answers a retry with the same number, and the cancel queue.
   */
  hub_provider_waybills: {
    carrier_code: string;
    tracking_no: string;
    /** A WaybillProviderName. */
    provider: string;
    order_id: string;
    request_key: string;
    provider_ref: string | null;
    /** The waybill.issued entry that carries it. */
    hub_seq: number;
    issued_at: string;
    /** NULL: live; queued: to cancel at the provider; cancelled | not-found: done. */
    cancel_state: 'queued' | 'cancelled' | 'not-found' | null;
    cancel_attempts: number;
    cancel_next_at: string | null;
    /** The last cancel failure as an encoded catalog message; NULL after success. */
    cancel_error: string | null;
    /** A 子母件 child's main number (migration 0013); NULL for a main number. */
    parent_no: string | null;
  };
};
export type HubTableName = keyof HubTables;
