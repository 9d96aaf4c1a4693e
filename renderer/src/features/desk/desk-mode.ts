/**
 * Whether this page is the hub's desk on a supervisor's phone. There the logged-in user is the
 * supervisor, and the hub refuses any PIN typed on a phone (session.service `authorize`): the
 * screens shared with the bench must not offer the supervisor-PIN pad, only say the refusal.
 * A plain flag, not a store: it is set once, before any screen renders, and never changes.
 */
let desk = false;

export const onDesk = (): boolean => desk;

/** The phone shell's store calls this when it is made (only the desk's bundle loads it). */
export function markDesk(): void {
  desk = true;
}
