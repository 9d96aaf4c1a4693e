import { SerialPort } from 'serialport';
import { serialDevicesSchema, type LiveWeight, type SerialDevice, type SerialOverview, type SerialPortInfo } from '#shared/contract/serial.contract';
import { msg, type Message } from '#shared/i18n/message';
import type { SettingsRepo } from '../settings/settings.repo';
import { createScaleStream } from './scale-stream';
import { createStabilityDetector, type WeightEvent } from './scale-stability';
import { createScannerFramer, type SerialScan } from './scanner-framer';
import { createSerialLink, type LinkStatus, type PortFactory, type SerialLink } from './serial-link';

export type ListPorts = () => Promise<SerialPortInfo[]>;

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v ? v.slice(0, max) : null);
/** The OS port list (udev on Linux, SetupAPI on Windows), cut to what the Devices screen shows. */
export const listSystemPorts: ListPorts = async () =>
  (await SerialPort.list()).slice(0, 64).map((p) => ({
    path: p.path.slice(0, 256), manufacturer: text(p.manufacturer, 100), vendorId: text(p.vendorId, 8),
    productId: text(p.productId, 8), serialNumber: text(p.serialNumber, 100),
  }));

/** How long one look from the Devices screen keeps the port list polled (the screen asks again while open). */
const WATCHED_MS = 30_000;

type Running = { device: SerialDevice; link: SerialLink; dropped: () => number; close: () => void };

/**
 * The station's serial scanners and scale: each configured device is kept open (reopened with
 * backoff after an unplug), its bytes framed and parsed here, and the results handed on: codes to
 * the bench's scan path, weights to the weighing. The OS port list is polled so the Devices screen
 * sees plugs and unplugs, and a device that shows up again is reopened at once.
 *
 * Reading the OS list spawns a process (`udevadm` on Linux), which holds the host's event loop for
 * 5–25 ms each time (measured at a bench): it is polled only while it is needed, never while the
 * packer scans with every device connected and the Devices screen closed.
 */
export function createSerialDevicesService(deps: {
  settings: SettingsRepo;
  onScan: (scan: SerialScan, device: SerialDevice) => void;
  onWeight: (event: WeightEvent) => void;
  onChange: (overview: SerialOverview) => void;
  ports?: PortFactory;
  listPorts?: ListPorts;
  pollMs?: number;
  backoffMs?: readonly number[];
}) {
  const listPorts = deps.listPorts ?? listSystemPorts;
  let config: SerialDevice[] = deps.settings.get('serialDevices', serialDevicesSchema.default([]));
  let running: Running[] = [];
  let ports: SerialPortInfo[] = [];
  let listError: Message | null = null;
  let poll: NodeJS.Timeout | null = null;
  /** Until when the Devices screen is looking (it asks again while it is open). */
  let watchedUntil = 0;
  /** The scale's last reading: a window that loads after it was pushed asks for it (a steady 0 g is never pushed again). */
  let live: LiveWeight | null = null;

  const overview = (): SerialOverview => ({
    ports, listError,
    devices: running.map((r) => ({ id: r.device.id, role: r.device.role, path: r.device.path, status: r.link.status(), dropped: r.dropped() })),
  });
  const changed = () => deps.onChange(overview());
  /** The list is wanted while someone looks at it, or while a configured device is away (to reopen it once it is back). */
  const listWanted = () => Date.now() < watchedUntil || running.some((r) => r.link.status() !== 'connected');

  function start(device: SerialDevice): Running {
    const options = { path: device.path, baudRate: device.baudRate, dataBits: device.dataBits, parity: device.parity, stopBits: device.stopBits };
    if (device.role === 'scanner') {
      const framer = createScannerFramer(device.scanner, (scan) => deps.onScan(scan, device));
      const link = createSerialLink({
        options, ports: deps.ports, backoffMs: deps.backoffMs, onData: (c) => framer.push(c),
        onStatus: (status: LinkStatus) => {
          if (status !== 'connected') ensurePolling();
          changed();
        },
      });
      return { device, link, dropped: framer.dropped, close: framer.close };
    }
    const stream = createScaleStream(device.scale, (reading) => {
      for (const e of stability.push(reading)) {
        if (e.kind === 'live') live = { grams: e.grams, stable: e.stable, overload: e.overload, taken: e.taken };
        deps.onWeight(e);
      }
    });
    const stability = createStabilityDetector(device.scale);
    const link = createSerialLink({
      options, ports: deps.ports, backoffMs: deps.backoffMs, onData: (c) => stream.push(c),
      onStatus: (status: LinkStatus) => {
        // Off the scale, nothing about the pan is known: no live weight, and the next parcel settles afresh.
        if (status !== 'connected') {
          stability.reset();
          live = null;
          ensurePolling();
        }
        changed();
      },
    });
    return { device, link, dropped: stream.dropped, close: () => {} };
  }

  async function refreshPorts(): Promise<void> {
    try {
      ports = await listPorts();
      listError = null;
    } catch (error) {
      // No udev in a container (`spawn udevadm ENOENT`): no list, but configured paths still open.
      ports = [];
      listError = msg('devices.serial.listFailed', { error: String(error instanceof Error ? error.message : error).slice(0, 200) });
    }
    for (const r of running) if (ports.some((p) => p.path === r.device.path)) r.link.retryNow();
  }

  const samePorts = (a: SerialPortInfo[], b: SerialPortInfo[]) => JSON.stringify(a) === JSON.stringify(b);

  /** Polls the OS port list until it is no longer wanted. A bench with no serial device spawns nothing. */
  function ensurePolling(): void {
    if (poll) return;
    poll = setInterval(() => {
      if (!listWanted()) {
        if (poll) clearInterval(poll);
        poll = null;
        return;
      }
      const before = ports;
      const beforeError = listError;
      void refreshPorts().then(() => {
        if (!samePorts(before, ports) || JSON.stringify(beforeError) !== JSON.stringify(listError)) changed();
      });
    }, deps.pollMs ?? 2000);
    poll.unref();
  }

  return {
    start(): void {
      running = config.map(start);
      if (config.length === 0) return;
      void refreshPorts().then(changed);
      ensurePolling();
    },
    overview,
    /** The Devices screen's read: the list now, and kept fresh for the next while. */
    refreshPorts: async () => {
      watchedUntil = Date.now() + WATCHED_MS;
      ensurePolling();
      await refreshPorts();
      return overview();
    },
    getConfig: () => config,
    async setConfig(next: SerialDevice[]): Promise<SerialDevice[]> {
      config = serialDevicesSchema.parse(next);
      deps.settings.set('serialDevices', config);
      const old = running;
      running = [];
      await Promise.all(old.map((r) => (r.close(), r.link.stop())));
      live = null;
      running = config.map(start);
      if (config.length > 0) ensurePolling();
      changed();
      return config;
    },
    /** The scale's live weight now; null when no scale is set up or none reads. */
    live: (): LiveWeight | null => (running.some((r) => r.device.role === 'scale' && r.link.status() === 'connected') ? live : null),
    /** The scale's link status, or null when no scale is set up. */
    scaleStatus: (): LinkStatus | null => running.find((r) => r.device.role === 'scale')?.link.status() ?? null,
    async stop(): Promise<void> {
      if (poll) clearInterval(poll);
      poll = null;
      // A link closing below reports 'absent' and asks for the poll again: its first tick ends it.
      watchedUntil = 0;
      const old = running;
      running = [];
      await Promise.all(old.map((r) => (r.close(), r.link.stop())));
    },
  };
}
export type SerialDevicesService = ReturnType<typeof createSerialDevicesService>;
