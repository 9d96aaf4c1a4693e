/* eslint-disable no-restricted-syntax -- the Chinese here is data: the factory names as stored since the first version, matched, never shown */
import type { MessageKey } from '../i18n/catalog';
import { msg, type Message } from '../i18n/message';

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

/**
 * A name as the reader is to be told it, for text the host builds before it knows the reader's
 * language (a list row, a CLI line): a typed name as typed, a name Packdesk gave as its message.
 */
export type NameSaid = string | Message;

const said = (key: MessageKey | null, name: string): NameSaid => (key === null ? name : msg(key));
/** A user's name as said (userNameKey). */
export const userSaid = (name: string, factoryAdmin: boolean): NameSaid => said(userNameKey(name, factoryAdmin), name);
/** A bench's name as said (benchNameKey). */
export const benchSaid = (name: string): NameSaid => said(benchNameKey(name), name);
/** A name in the reader's language, with the reader's translator. */
export const sayName = (t: (message: Message) => string, name: NameSaid): string => (typeof name === 'string' ? name : t(name));
