import type { Migration } from '../migrate';

/**
 * A weight mismatch holds its order until a supervisor accepts it, also when the order is opened
 * again later: opening an order (a scan) asks whether it has one open, by order. Additive: an index.
 */
export const stationBenchExceptionOrders: Migration = {
  version: 18,
  name: '0018-bench-exception-orders',
  up(db) {
    db.exec(`CREATE INDEX bench_exceptions_order ON bench_exceptions (order_id, at) WHERE cleared_at IS NULL;`);
  },
};
