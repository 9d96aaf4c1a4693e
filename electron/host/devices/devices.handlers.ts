import type { devicesContract } from '#shared/contract/devices.contract';
import type { UserRole } from '#shared/contract/common';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import { auditedDeviceSave } from './device-audit';

/** Who may point the station's printing somewhere: saving a printer and test-printing to one alike. */
const PRINTER_MANAGERS: readonly UserRole[] = ['supervisor', 'admin'];

export const devicesHandlers: Handlers<typeof devicesContract, HostContext> = {
  'devices.listSystemPrinters': (_input, ctx) => ctx.devices.listSystemPrinters(),
  'devices.getPrinter': (_input, ctx) => ctx.devices.getConfig(),
  'devices.setPrinter': (input, ctx) =>
    auditedDeviceSave(ctx, ctx.session.authorize(PRINTER_MANAGERS), 'printer', () => ctx.devices.getConfig(), () => ctx.devices.setConfig(input)),
  'devices.testPrint': ({ printer }, ctx) => (ctx.session.authorize(PRINTER_MANAGERS), ctx.labels.testPrint(printer)),
  'devices.getSlipPrinter': (_input, ctx) => ctx.slips.getConfig(),
  'devices.setSlipPrinter': (input, ctx) =>
    auditedDeviceSave(ctx, ctx.session.authorize(PRINTER_MANAGERS), 'slipPrinter', () => ctx.slips.getConfig(), () => ctx.slips.setConfig(input)),
  'devices.testSlip': ({ printer }, ctx) => (ctx.session.authorize(PRINTER_MANAGERS), ctx.slips.testPrint(printer)),
  'devices.getPrintComponents': (_input, ctx) => ctx.devices.getComponents(),
  'devices.setPrintComponents': (input, ctx) =>
    auditedDeviceSave(ctx, ctx.session.authorize(PRINTER_MANAGERS), 'printComponents', () => ctx.devices.getComponents(), () => ctx.devices.setComponents(input)),
  // Listing reaches only 127.0.0.1 and sends no label; managers do it while setting up.
  'devices.listComponentPrinters': ({ component, secure }, ctx) => (ctx.session.authorize(PRINTER_MANAGERS), ctx.devices.listComponentPrinters(component, secure)),
};
