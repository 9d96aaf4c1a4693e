import type { Contract, Events } from '#shared/contract/index';

/**
 * What a supervisor's phone may call at the hub's desk: reading, and the decisions a supervisor
 * makes. Everything else is refused before it is parsed — the bench (scans, shipping, printing),
 * devices, imports, settings and user changes, pairing and hosting — whatever the phone's user
 * could do at a bench. Add a procedure here, one line, only when a phone screen needs it and it
 * neither drives the desk station's own bench nor changes how the shop is set up. The handlers
 * still check the user's role (they see the phone's user, see session/caller-user.ts).
 */
export const DESK_METHODS: ReadonlySet<keyof Contract & string> = new Set<keyof Contract & string>([
  'session.current',
  'sync.status',
  'flags.list',
  'flags.resolve',
  // The exceptions inbox and the dashboard (the thresholds are set at a bench: they change how the shop works).
  'inbox.list',
  'inbox.counts',
  'inbox.resolved',
  'inbox.resolve',
  'dashboard.get',
  'audit.list',
  'audit.facets',
  'audit.export',
  'orders.list',
  'orders.get',
  'catalog.list',
  // The shop's carriers by name, for a claim's carrier (read only).
  'carriers.list',
  // Damage review: reports with their photos, decisions, claims and the evidence PDF for the carrier.
  'damage.list',
  'damage.get',
  'damage.decide',
  'damage.evidence',
  'claims.list',
  'claims.settle',
  // The returns received at every bench (read only: receiving one is done at a bench).
  'returns.list',
  'returns.get',
  // Courier handovers: a courier signs on the phone (the signature is a picture, kept like a damage photo);
  // the phone may scan a number typed in, close the handover (or abandon one opened by mistake: on the phone
  // user's own authority) and fetch its 交接单. Printing stays at a bench.
  'handover.carriers',
  'handover.list',
  'handover.get',
  'handover.open',
  'handover.scan',
  'handover.scanFirst',
  'handover.close',
  'handover.abandon',
  'handover.sheet',
  'photos.put',
  // The read ticket for /desk/attachments/… (photos, pack videos); the route also wants the login cookie.
  'media.ticket',
]);

/** Events a phone is sent: none about the desk station's own bench, session or devices. */
export const DESK_EVENTS: ReadonlySet<keyof Events & string> = new Set<keyof Events & string>(['sync.changed', 'orders.changed', 'inbox.changed']);
