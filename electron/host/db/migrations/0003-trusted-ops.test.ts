import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('0003-trusted-ops: the audit log names the bench', () => {
  it('an action this bench recorded before is this bench\'s; one pulled from another bench stays unnamed', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 2);
    db.prepare("INSERT INTO meta (key, value) VALUES ('station_id', 'st-here')").run();
    const audit = db.prepare("INSERT INTO audit_log (id, at, user_id, authorizer_id, action, target, detail) VALUES (?, 't', 'u1', 'u2', 'shipment.void', 's', '{}')");
    audit.run('a-own');
    audit.run('a-pulled');
    db.prepare("INSERT INTO outbox (op_id, type, payload, created_at) VALUES ('op-1', 'audit.recorded', ?, 't')").run(JSON.stringify({ id: 'a-own', action: 'shipment.void' }));
    migrate(db, migrations, 3);
    expect(db.prepare('SELECT id, station_id AS stationId FROM audit_log ORDER BY id').all()).toEqual([
      { id: 'a-own', stationId: 'st-here' },
      { id: 'a-pulled', stationId: null },
    ]);
  });
});
