import { decodeMessage, type Message } from '#shared/i18n/message';

/**
 * A flag's stored message with its people named. The hub names an authoriser it does not know
 * (a supervisor made at this bench before it was paired) by id, and this bench may know their
 * name: "授权人 王主管 不是在职的主管", not "授权人 01a24c6d-…". An id nobody here knows stays.
 */
export function flagMessage(detail: string, userName: (id: string) => string | null): Message {
  return named(decodeMessage(detail), userName);
}

function named(m: Message, userName: (id: string) => string | null): Message {
  if (!m.params) return m;
  const params = Object.fromEntries(
    Object.entries(m.params).map(([name, value]) => [
      name,
      typeof value === 'object' ? named(value, userName) : m.key === 'opRefusal.authoriser' && name === 'user' && typeof value === 'string' ? (userName(value) ?? value) : value,
    ]),
  );
  return { key: m.key, params };
}
