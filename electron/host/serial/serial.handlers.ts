import type { serialContract } from '#shared/contract/serial.contract';
import type { UserRole } from '#shared/contract/common';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import { auditedDeviceSave } from '../devices/device-audit';
import type { HostContext } from '../host-context';

/** Who may choose the bench's serial devices (the same people who choose its printer). */
const DEVICE_MANAGERS: readonly UserRole[] = ['supervisor', 'admin'];

const serialOf = (ctx: HostContext) => {
  if (!ctx.serial) throw new AppError('DEVICE_UNAVAILABLE', msg('devices.serial.off'));
  return ctx.serial;
};

export const serialHandlers: Handlers<typeof serialContract, HostContext> = {
  'devices.serialOverview': (_input, ctx) => serialOf(ctx).refreshPorts(),
  'devices.getSerial': (_input, ctx) => serialOf(ctx).getConfig(),
  'devices.setSerial': ({ devices }, ctx) => {
    const serial = serialOf(ctx);
    return auditedDeviceSave(ctx, ctx.session.authorize(DEVICE_MANAGERS), 'serial', () => ({ devices: serial.getConfig() }), () => serial.setConfig(devices));
  },
  // No serial devices at this station is no reading, not an error: every bench asks when it loads.
  'devices.scaleLive': (_input, ctx) => ctx.serial?.live() ?? null,
};
