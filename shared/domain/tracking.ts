/**
 * A parcel's journey after the handover, in the six states every provider's codes are mapped to
 * (快递100 `state`, 快递鸟 `State`/`StateEx`, a CSV's 状态 column). The order matters: a later state in
 * this list never turns back into an earlier one except through `returned` or `problem`.
 */
export const trackingStates = ['accepted', 'in-transit', 'out-for-delivery', 'delivered', 'returned', 'problem'] as const;
export type TrackingState = (typeof trackingStates)[number];

/** Where tracking facts come from: a provider the hub asked or that pushed to it, or a file a supervisor imported. */
export const trackingSources = ['kuaidi100', 'kdniao', 'csv'] as const;
export type TrackingSource = (typeof trackingSources)[number];

/** One node of a parcel's trace, normalised. `city` is '' when the provider did not say. */
export type TrackingEvent = { at: string; state: TrackingState; text: string; city: string };
