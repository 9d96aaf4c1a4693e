/**
 * The station core's one door to electron/providers (adapters to outside services, shared with
 * the hub): host modules import provider code from here, so the lint rule against ../../ climbing
 * holds and what the station uses of the providers is listed in one place.
 */
export { cainiaoComponentUrl, createCainiaoComponent } from '../providers/print-components/cainiao-component';
export type { CustomArea } from '../providers/print-components/component.wire';
export { PrintComponentError, printComponentNames, type ComponentTimeouts, type PrintComponentName } from '../providers/print-components/component-session';
export { createPddComponent, pddComponentUrl } from '../providers/print-components/pdd-component';
export type { PlatformPrintData, PrintComponent } from '../providers/print-components/print-component';
export type { WaybillProviderName } from '../providers/waybill/waybill-provider';
export { WaybillProviderError, type IssuedWaybill, type WaybillParty, type WaybillProvider, type WaybillRequest } from '../providers/waybill/waybill-provider';
export { parseProviderKeys, WAYBILL_KEYS_MAX_BYTES, waybillKeysSchema, waybillProviderFor, type WaybillKeys } from '../providers/waybill/waybill-keys';
export { cleanText } from '../providers/waybill/aggregator.wire';
