import type { ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import type { Events } from '#shared/contract/events.contract';
import type { LiveWeight } from '#shared/contract/serial.contract';
import type { Message } from '#shared/i18n/message';
import type { RpcResponse } from '#shared/rpc/protocol';
import type { z } from 'zod';
import type { PackService } from '../pack/pack.service';
import type { SettingsRepo } from '../settings/settings.repo';
import { createSerialDevicesService, type ListPorts, type SerialDevicesService } from './serial-devices.service';
import type { PortFactory } from './serial-link';

export type SerialOptions = { ports?: PortFactory; listPorts?: ListPorts; pollMs?: number; backoffMs?: readonly number[] };
type Emit = <K extends keyof Events & string>(name: K, payload: z.input<Events[K]>) => void;

/**
 * Connects the serial devices to the bench. A serial scanner's code takes the wedge's path exactly:
 * a `bench.scan` request through the RPC dispatcher (validation, roles, the pack service), its answer
 * pushed to every window as `bench.scanned`. A settled weight goes to the pack service, whose
 * verdict (shipped, or held for a mismatch) is pushed the same way. The live weight is pushed only
 * when it changes.
 */
export function wireSerialDevices(deps: {
  settings: SettingsRepo;
  options: SerialOptions | false | undefined;
  emit: Emit;
  scan: (code: string) => Promise<RpcResponse>;
  /** The pack service is made after this (it asks the scale's status): reached lazily. */
  pack: () => PackService;
  flag: (flag: { orderId: string; message: Message }) => void;
}) {
  let live: LiveWeight | null = null;
  const sendLive = (next: LiveWeight | null) => {
    if (JSON.stringify(next) === JSON.stringify(live)) return;
    live = next;
    deps.emit('scale.weight', next);
  };
  let queue = Promise.resolve();
  let scaleStatus: string | null = null;

  const service: SerialDevicesService | null =
    deps.options === false
      ? null
      : createSerialDevicesService({
          settings: deps.settings,
          ...deps.options,
          // One code at a time, in the order scanned, as a wedge's keystrokes arrive.
          onScan: (scan) => {
            queue = queue.then(async () => {
              const response = await deps.scan(scan.code);
              if (response.t !== 'res') return;
              deps.emit('bench.scanned', {
                source: 'serial', code: scan.code,
                result: response.ok ? (response.value as ScanResult) : null, error: response.ok ? null : response.error,
              });
            });
          },
          onWeight: (event) => {
            if (event.kind === 'live') sendLive({ grams: event.grams, stable: event.stable, overload: event.overload, taken: event.taken });
            if (event.kind !== 'settled') return;
            try {
              const result = deps.pack().weighed(event.grams);
              if (result) deps.emit('bench.scanned', { source: 'scale', code: '', result, error: null });
            } catch (error) {
              // Shipping after a good weight can fail like any ship (no waybill number left): say so at the bench.
              if (!(error instanceof AppError)) throw error;
              deps.emit('bench.scanned', { source: 'scale', code: '', result: null, error: error.toShape() });
            }
          },
          onChange: (overview) => {
            deps.emit('devices.serialChanged', overview);
            const scale = overview.devices.find((d) => d.role === 'scale')?.status ?? null;
            if (scale !== 'connected') sendLive(null);
            // The bench shows the scale's status: tell it when that changed (not for every port list).
            if (scale === scaleStatus) return;
            scaleStatus = scale;
            deps.pack().scaleChanged();
          },
        });

  return {
    service,
    raiseFlag: (orderId: string, message: Message) => deps.flag({ orderId, message }),
  };
}
