/**
 * The hub's one door to electron/providers (adapters to outside services, shared with the
 * stations): hub modules import provider code from here, so the lint rule against ../../ climbing
 * holds and what the hub uses of the providers is listed in one place.
 */
export { waybillProviderNames, WaybillProviderError, type IssuedWaybill, type WaybillProvider, type WaybillProviderName, type WaybillRequest } from '../providers/waybill/waybill-provider';
export { parseProviderKeys, WAYBILL_KEYS_MAX_BYTES, waybillKeysSchema, waybillProviderFor, type WaybillKeys } from '../providers/waybill/waybill-keys';
export { postFormText, ProviderHttpError, type FormPost } from '../providers/provider-http';
