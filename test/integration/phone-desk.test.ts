import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hubBackends, hubStorage } from '../helpers/hub-db';
import { PACKER, phone, shopWithUsers, startDeskHub, SUPERVISOR, type DeskHub } from '../helpers/desk-hub';

describe.each(hubBackends)('the hub serves the supervisor desk to phones (%s)', (backend) => {
  const storage = hubStorage(backend);
  const open: DeskHub[] = [];
  afterEach(async () => {
    for (const hub of open.splice(0)) await hub.close();
  });
  afterAll(() => storage.dispose());
  const deskHub = async () => {
    const hub = await startDeskHub(await storage.fresh());
    open.push(hub);
    return hub;
  };

  it('the desk joins its hub once, as a supervisor station named 主管台, and keeps that identity', async () => {
    const hub = await deskHub();
    const stations = await hub.hub.stations();
    expect(stations.map((s) => [s.name, s.role])).toEqual([['主管台', 'supervisor']]);
    expect(hub.desk.host.context.sync.service.status()).toMatchObject({ paired: true, role: 'supervisor', stationName: '主管台' });
  });

  it('the desk never prints, so it leases no waybill numbers: they stay in the hub’s pool for the benches', async () => {
    const hub = await deskHub();
    await hub.hub.importPool('YTO', Array.from({ length: 60 }, (_, i) => `YT74${String(30_000_000_000 + i)}`));
    const { admin } = await shopWithUsers(hub);
    await admin.sync();
    await hub.deskSync();
    const free = (carriers: { code: string; pool: { free: number } }[]) => carriers.find((c) => c.code === 'YTO')?.pool.free ?? 0;
    expect(free(hub.desk.host.context.carriers.list())).toBe(0);
    // The bench gets its fair share; the desk's stays free in the hub's pool, not idle at the desk.
    expect(free(await admin.call('carriers.list', {}))).toBe(30);
  });

  it('what a bench pushes reaches the desk at once, not at its next poll', async () => {
    const hub = await deskHub();
    const { admin } = await shopWithUsers(hub);
    await admin.call('catalog.saveSku', { code: 'SKU-2', name: '碗', weightG: 300, location: 'A-02', barcodes: [{ barcode: '6900000000028', units: 1 }] });
    await admin.sync();
    const deskCatalog = () => hub.desk.host.context.catalogRepo.list({ query: 'SKU-2', limit: 10, offset: 0 }).skus.length;
    await expect.poll(deskCatalog, { timeout: 2000, interval: 50 }).toBe(1);
  });

  it('a photo taken at a bench reaches a phone through the desk; one not uploaded yet is said to be so, not an error', async () => {
    const hub = await deskHub();
    const { admin } = await shopWithUsers(hub);
    const bytes = Buffer.from('a damage photo, as the bench camera took it. '.repeat(2000));
    const { sha256 } = admin.host.context.media.store.put(bytes, 'image/jpeg');
    const mine = phone(hub.url);
    await mine.login(SUPERVISOR.name, SUPERVISOR.pin);
    const rpc = await mine.connect();
    const { ticket } = (await rpc.call('media.ticket', {}) as { value: { ticket: string } }).value;
    const photo = () => mine.request('GET', `/desk/attachments/${sha256}?ticket=${ticket}`);
    // Before the bench's upload: the desk asks the hub, which has nothing yet.
    expect(await photo()).toMatchObject({ status: 404, body: { error: 'notUploaded' } });
    await admin.sync();
    await expect.poll(async () => (await photo()).status, { timeout: 10_000, interval: 100 }).toBe(200);
    expect((await photo()).body).toBe(bytes.toString('utf8'));
    rpc.close();
  });

  it('wrong PINs from many phones lock a name: every bench’s inbox says so in red, and a supervisor unlocking it there lets the right PIN in', async () => {
    const hub = await deskHub();
    const { admin } = await shopWithUsers(hub);
    const office2 = await hub.adminBench('仓库');
    await office2.sync();
    // Ten wrong PINs in a row from ten addresses: each address alone stays under its own backoff.
    for (let i = 0; i < 10; i++) await phone(hub.url, { localAddress: `127.0.2.${i + 1}` }).login(SUPERVISOR.name, `90${String(i).padStart(2, '0')}`);
    const lockedOut = () => phone(hub.url, { localAddress: '127.0.3.1' }).login(SUPERVISOR.name, SUPERVISOR.pin);
    expect(await lockedOut()).toMatchObject({ body: { error: { msg: { key: 'desk.login.locked' } } } });

    // The desk's audit entry reaches the benches: one red row naming the user, the counts and when it unlocks by itself.
    await hub.deskSync();
    await admin.sync();
    await office2.sync();
    const rows = async (bench: typeof admin) => (await bench.call('inbox.list', { kind: 'desk-locked' })).rows;
    const [row] = await rows(admin);
    expect(await rows(admin)).toHaveLength(1);
    expect(row).toMatchObject({ kind: 'desk-locked', severity: 'alarm', closes: 'note', derived: true });
    const at = row!.at;
    expect(row!.evidence).toEqual({
      key: 'inbox.evidence.deskLocked',
      params: { name: SUPERVISOR.name, failures: 10, sources: 10, at, until: new Date(Date.parse(at) + 24 * 3_600_000).toISOString() },
    });
    expect((await admin.call('inbox.list', {})).counts.byKind['desk-locked']).toBe(1);
    expect((await rows(office2)).map((r) => r.key)).toEqual([row!.key]);

    // Closed at the office bench: after sync the desk lets her in, and the other bench's row is gone too.
    await admin.call('inbox.resolve', { key: row!.key, note: '本人输错，已解锁' });
    expect(await rows(admin)).toEqual([]);
    expect(await lockedOut()).toMatchObject({ body: { error: { msg: { key: 'desk.login.locked' } } } });
    await admin.sync();
    await hub.deskSync();
    expect((await phone(hub.url, { localAddress: '127.0.3.2' }).login(SUPERVISOR.name, SUPERVISOR.pin)).status).toBe(200);
    await office2.sync();
    expect(await rows(office2)).toEqual([]);
    expect((await office2.call('inbox.resolved', {})).resolutions.find((r) => r.key === row!.key)).toMatchObject({ kind: 'desk-locked', note: '本人输错，已解锁' });
  });

  it('a supervisor logs in with name and PIN; what they do from the phone is theirs at every bench; a packer cannot log in', async () => {
    const hub = await deskHub();
    const { admin, supervisor } = await shopWithUsers(hub);
    // Stock below zero at the office: the hub raises a flag every station sees.
    await admin.call('catalog.saveSku', { code: 'SKU-1', name: '杯子', weightG: 200, location: 'A-01', barcodes: [{ barcode: '6900000000011', units: 1 }] });
    await admin.call('stock.adjust', { skuCode: 'SKU-1', delta: -3, kind: 'other', note: '盘亏' });
    await admin.sync();
    await hub.deskSync();

    const packerPhone = phone(hub.url);
    const refused = await packerPhone.login(PACKER.name, PACKER.pin);
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'FORBIDDEN', msg: { key: 'desk.login.wrong' } } } });
    expect(packerPhone.cookie).toBeNull();
    await expect(packerPhone.connect()).rejects.toThrow('upgrade refused: 401');

    const mine = phone(hub.url);
    expect((await mine.session()).body).toEqual({ desk: true, user: null, idleMinutes: 15, ended: null });
    const login = await mine.login(` ${SUPERVISOR.name} `, SUPERVISOR.pin);
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/^__Host-packdesk-desk=[\w-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/);
    expect((await mine.session()).body).toMatchObject({ user: { id: supervisor.id, name: SUPERVISOR.name, role: 'supervisor' } });

    const rpc = await mine.connect();
    expect(await rpc.call('session.current', {})).toMatchObject({ ok: true, value: { user: { id: supervisor.id }, locked: false } });
    const flags = await rpc.call('flags.list', { open: true });
    const flag = (flags as { value: { flags: { flagId: string; kind: string }[] } }).value.flags.find((f) => f.kind === 'stock.negative');
    expect(flag).toBeDefined();
    expect(await rpc.call('flags.resolve', { flagId: flag!.flagId, resolution: '已补货' })).toMatchObject({ ok: true, value: { resolution: '已补货' } });
    // The phone sits at no bench: the desk's own entries are named, never "this bench".
    const audit = (await rpc.call('audit.list', { filter: 'all', limit: 50, offset: 0 })) as { value: { entries: { what: { key: string }; bench: unknown; note: unknown }[] } };
    const onPhone = audit.value.entries.find((e) => e.what.key === 'audit.ops.flag.resolved');
    expect(onPhone?.bench).toEqual({ name: '主管台', thisBench: false });
    // With the note it was closed with.
    expect(onPhone?.note).toEqual({ key: 'audit.notes.resolvedNote', params: { note: '已补货' } });
    // The bench is not the phone's: scans, printing, settings, users, pairing are refused by name.
    for (const [method, input] of [
      ['bench.scan', { code: '6900000000011', source: 'wedge' }],
      ['settings.update', {}],
      ['users.save', { name: 'x', role: 'admin', pin: '9999' }],
      ['session.login', { pin: SUPERVISOR.pin }],
      ['hub.newPairingCode', { role: 'admin' }],
    ] as const) {
      expect(await rpc.call(method, input as never), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'desk.notOnPhone' } } });
    }

    // At the office the flag is closed, and the audit names who closed it, at the desk.
    await hub.deskSync();
    await admin.sync();
    const closed = (await admin.call('flags.list', { open: false })).flags.find((f) => f.flagId === flag!.flagId);
    expect(closed?.resolution).toBe('已补货');
    const entries = (await admin.call('audit.list', { filter: 'authorized', limit: 50, offset: 0 })).entries;
    expect(entries.find((e) => e.what.key === 'audit.ops.flag.resolved')).toMatchObject({
      bench: { name: '主管台' }, authorizedBy: { name: SUPERVISOR.name }, note: { key: 'audit.notes.resolvedNote', params: { note: '已补货' } },
    });
    // 已处理 says who closed it, at the desk.
    const closedRow = (await admin.call('inbox.resolved', {})).resolutions.find((r) => r.key === `flag:${flag!.flagId}`);
    expect(closedRow).toMatchObject({ note: '已补货', by: SUPERVISOR.name, authorizedBy: null, bench: { name: '主管台' } });
    rpc.close();

    // Disabled at the office: the phone's next look ends the login, and the login screen can say why.
    await admin.call('users.save', { id: supervisor.id, name: SUPERVISOR.name, role: 'supervisor', active: false });
    await admin.sync();
    await hub.deskSync();
    expect((await mine.session()).body).toEqual({ desk: true, user: null, idleMinutes: 15, ended: 'revoked' });
  });
});
