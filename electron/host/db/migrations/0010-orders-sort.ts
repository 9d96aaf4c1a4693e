import type { Migration } from '../migrate';

/**
 * Indexes for sorting the orders list by deadline and by payment time on a million orders (the id
 * has one since 0001). The deadline index is on the very expression the list sorts by, so orders
 * with no deadline come last and the page is still read in index order.
 */
export const stationOrdersSort: Migration = {
  version: 10,
  name: '0010-orders-sort',
  up(db) {
    db.exec(`
      CREATE INDEX orders_deadline_sort ON orders (coalesce(ship_deadline, '9999'));
      CREATE INDEX orders_paid_at ON orders (paid_at);
    `);
  },
};
