/**
 * The audit view's word search, as SQL. A row is found by what it shows, not only by what it
 * stores: the screen names an order by its number, a parcel by its tracking number, a void by its
 * parcel, an inbox resolution or a damage decision by the order, SKU and parcel behind its stored id
 * (inbox-refs.ts), and people by name. So a row matches
 *
 * - words in its stored target or details, as before (a reason, a SKU, a barcode, a settings field);
 * - for a stock adjustment, words in its reason (kept in the ledger, as the note beside it shows);
 * - the name of who did it or who authorised it;
 * - for a stored id (an inbox key, a damage report, a flag), words in the order number, SKU or
 *   tracking number that id names: a few primary-key look-ups for those rows alone;
 * - a whole order number or tracking number: every entry about that order or its parcels (the void
 *   of a parcel, a reprint of its label, a force-verify on the order), however the row stores it.
 *
 * The last is one indexed look-up (orders by external_id, shipments by tracking_no) done once per
 * query, not a join on every audit row: the audit holds far more rows than one order has parcels.
 * Parameters: @text (what was typed, trimmed; NULL for no search), @like (%text%, wildcards escaped)
 * and @stockKinds (a JSON array of the stock kinds whose names hold the text).
 */

const like = (expr: string) => `${expr} LIKE @like ESCAPE '\\'`;

/**
 * What a whole typed number names, once per query. `numbered`: orders whose number (or id) it is;
 * `parcels`: the parcel whose tracking number it is and the parcels of those orders; `named_orders`:
 * those orders and the order of that parcel; `named`: every form a row stores them in (an order's
 * id and number, a parcel's id and tracking number), so that a row costs one look-up in it, and
 * none when the words name no order or parcel. `named_users`: users by name. Tracking numbers are
 * kept upper-case; people type them as it comes.
 */
export const searchTables = `
  numbered(id) AS (
    SELECT id FROM orders WHERE external_id IN (@text, upper(@text))
    UNION SELECT id FROM orders WHERE id = @text),
  parcels(id, tracking_no, order_id) AS (
    SELECT id, tracking_no, order_id FROM shipments WHERE tracking_no IN (@text, upper(@text))
    UNION SELECT id, tracking_no, order_id FROM shipments WHERE order_id IN (SELECT id FROM numbered)),
  named_orders(id, number) AS (
    SELECT id, external_id FROM orders WHERE id IN (SELECT id FROM numbered UNION SELECT order_id FROM parcels)),
  named(ref) AS (
    SELECT id FROM named_orders UNION SELECT number FROM named_orders UNION SELECT id FROM parcels UNION SELECT tracking_no FROM parcels),
  named_users(id) AS (SELECT id FROM users WHERE ${like('name')})`;

/** A stored id or number that a whole typed number names; checked only when it names one. */
const isNamed = (expr: string) => `(EXISTS (SELECT 1 FROM named) AND ${expr} IN (SELECT ref FROM named))`;
/** A user found by name; checked only when a name matched. */
const isNamedUser = (...ids: string[]) =>
  `(EXISTS (SELECT 1 FROM named_users) AND (${ids.map((id) => `${id} IN (SELECT id FROM named_users)`).join(' OR ')}))`;

/** An order id (platform:number) as a row shows it: its number, or the whole number typed. */
const orderShows = (id: string) => `(${isNamed(id)} OR ${like(`substr(${id}, instr(${id}, ':') + 1)`)})`;
/** A parcel by its id: its tracking number, or its order. */
const parcelShows = (id: string) =>
  `EXISTS (SELECT 1 FROM shipments s WHERE s.id = ${id} AND (${like('s.tracking_no')} OR ${orderShows('s.order_id')}))`;
/** A damage report (a decision or a claim names it): its order, SKU and parcel, or the reship's tracking number. */
const reportShows = (id: string) => `EXISTS (SELECT 1 FROM damage_reports r WHERE r.id = ${id} AND (
  ${like('r.sku_code')} OR ${orderShows('r.order_id')} OR ${parcelShows('r.shipment_id')}
  OR EXISTS (SELECT 1 FROM damage_decisions d WHERE d.report_id = r.id AND ${like('d.tracking_no')})))`;
/** A hub flag: its order, and the SKU its message names. Details from any bench: JSON is read only when it is JSON. */
const flagShows = (id: string) => `EXISTS (SELECT 1 FROM flags f WHERE f.flag_id = ${id} AND (
  ${orderShows('f.order_id')} OR ${like(`CASE WHEN json_valid(f.detail) THEN json_extract(f.detail, '$.params.sku') END`)}))`;
/** A gated action an inbox row was about: its order (a barcode bound in the catalog names none), and the SKU bound or forced. */
const auditShows = (id: string) => `EXISTS (SELECT 1 FROM audit_log x WHERE x.id = ${id} AND (
  (x.action <> 'catalog.bindBarcode' AND ${orderShows('x.target')})
  OR ${like(`CASE WHEN json_valid(x.detail) THEN coalesce(json_extract(x.detail, '$.skuCode'),
    (SELECT l.sku_code FROM order_lines l WHERE l.order_id = x.target AND l.line_no = json_extract(x.detail, '$.lineNo'))) END`)}))`;

/**
 * A stock adjustment's reason, as its note shows it: the supervisor's words in the ledger row of its
 * SKU at its time (audit-list.repo.ts), or its kind, named in either language (@stockKinds: the kinds
 * whose names hold the words, shared/domain/stock-reasons.ts).
 */
const adjustmentShows = (p: string) =>
  `(EXISTS (SELECT 1 FROM stock_ledger l WHERE l.sku_code = ${p}.target AND l.at = ${p}.at AND l.ref IS NULL AND ${like('l.reason')})
    OR CASE WHEN json_valid(${p}.detail) THEN json_extract(${p}.detail, '$.kind') IN (SELECT value FROM json_each(@stockKinds)) END)`;

/**
 * An inbox row's key ('<source>:<rest>') by the record it names, as inbox-refs.ts reads it: keep the
 * two in step. Keys that hold the order id, the number or the SKU itself are found by the key's own words.
 */
function keyShows(key: string): string {
  const rest = `substr(${key}, instr(${key}, ':') + 1)`;
  return `CASE substr(${key}, 1, instr(${key}, ':') - 1)
    WHEN 'audit' THEN ${auditShows(rest)}
    WHEN 'exception' THEN EXISTS (SELECT 1 FROM bench_exceptions e WHERE e.id = ${rest} AND (${like('e.tracking_no')} OR ${orderShows('e.order_id')}))
    WHEN 'deadline' THEN ${orderShows(rest)}
    WHEN 'stop' THEN ${orderShows(rest)}
    WHEN 'tracking' THEN ${parcelShows(`substr(${rest}, instr(${rest}, ':') + 1)`)}
    WHEN 'handover-missing' THEN ${parcelShows(rest)}
    WHEN 'handover-intercepted' THEN ${parcelShows(rest)}
    WHEN 'waybill-fetch' THEN EXISTS (SELECT 1 FROM named_orders o WHERE substr(${rest}, 1, length(o.id) + 1) = o.id || ':')
    WHEN 'waybill-cancel' THEN EXISTS (SELECT 1 FROM provider_waybills w WHERE w.tracking_no = ${rest} AND ${orderShows('w.order_id')})
    WHEN 'damage' THEN ${reportShows(rest)}
    WHEN 'flag' THEN ${flagShows(rest)}
    ELSE 0 END`;
}

/** Whether an audit_log row (alias a) matches the search. Targets: an order id, a parcel's id (a void), a tracking number (a reprint). */
export const actionMatches = `(@like IS NULL OR ${like('a.target')} OR ${like('a.detail')}
  OR ${isNamedUser('a.user_id', 'a.authorizer_id')} OR ${isNamed('a.target')})`;

/**
 * Whether an authorized_ops row (alias p) matches the search. Targets as authorized-ops.repo.ts
 * keeps them: an order number (an import, a reopen, a line bound as "number #line → SKU"), a
 * tracking number (a parcel made or voided; its id when the parcel was unknown), or an id.
 */
export const opMatches = `(@like IS NULL OR ${like('p.target')} OR ${isNamedUser('p.authorized_by')} OR ${isNamed('p.target')}
  OR (p.type = 'order.line-bound' AND ${isNamed(`substr(p.target, 1, instr(p.target, ' #') - 1)`)})
  OR (p.type IN ('damage.decided', 'claim.settled') AND ${reportShows('p.target')})
  OR (p.type = 'claim.settled' AND p.target = '' AND ${reportShows(
    // A settlement audited before its target was kept: the claim it settled then (as the view names it).
    '(SELECT c.claim_id FROM claim_settlements c WHERE c.settled_at = p.at AND c.station_id IS p.station_id ORDER BY c.rowid LIMIT 1)',
  )})
  OR (p.type = 'flag.resolved' AND ${flagShows('p.target')})
  OR (p.type = 'stock.delta' AND ${adjustmentShows('p')})
  OR (p.type = 'inbox.resolved' AND ${keyShows('p.target')}))`;
