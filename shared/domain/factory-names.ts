/* eslint-disable no-restricted-syntax -- the Chinese here is data: the factory names as stored since the first version, matched, never shown */
import type { MessageKey } from '../i18n/catalog';

/**
 * The names Packdesk gives what it makes itself: a bench's factory administrator (first start) and
 * the hub's supervisor desk (its pairing). They stay data, in Chinese, as every bench and hub has
 * always stored them (in user.saved and in pairing), so older benches and existing databases read
 * them as before; the screens recognise them and say them in the reader's language. A name a person
 * typed is shown as typed: a user is the factory administrator only by their bench (benchOf).
 */
export const FACTORY_ADMIN_NAME = '管理员';
export const DESK_STATION_NAME = '主管台';

/** How a user's name is said: a catalog key for the factory administrator's own name, else null (as stored). */
export const userNameKey = (name: string, factoryAdmin: boolean): MessageKey | null => (factoryAdmin && name === FACTORY_ADMIN_NAME ? 'roles.admin' : null);

/** How a bench's name is said: a catalog key for the hub's supervisor desk, else null (as stored). */
export const benchNameKey = (name: string): MessageKey | null => (name === DESK_STATION_NAME ? 'desk.stationName' : null);
