import { AppError, type ErrorCode } from '#shared/contract/errors';
import type { TrackingEvent, TrackingState } from '#shared/domain/tracking';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';

/**
 * The port every online tracking provider is reached through. Adapters speak one provider's
 * documented protocol (research/providers.md §1–2) and hand back normalised facts; the hub's
 * tracking service never sees a provider's codes or wire shapes.
 */
export const providerNames = ['kuaidi100', 'kdniao'] as const;
export type ProviderName = (typeof providerNames)[number];

/** One parcel to ask about, in our canonical carrier code. */
export type TrackRequest = { carrierCode: string; trackingNo: string; /** Last 4 digits of the receiver's phone, '' when unknown. */ phoneTail: string };

/** What a provider says about one parcel now. `state` null: no trace yet. */
export type TrackReport = {
  state: TrackingState | null;
  /** Oldest first. */
  events: TrackingEvent[];
  /** '' when the provider does not say. */
  destCity: string;
  /** Our carrier code for the one the provider moved the number to (快递100 comNew), else null. */
  reportedCarrier: string | null;
  /** Delivered or returned to the sender: the provider will say nothing new. */
  final: boolean;
};

/** A pushed report, keyed the way the push named the parcel. */
export type PushedReport = { carrierCode: string | null; trackingNo: string; report: TrackReport;
  /** 快递100 `abort`: the provider stopped watching; subscribe again later. */ stopped: boolean };

/** The HTTP answer a push receiver sends back, exactly as the provider documents its ack. */
export type ProviderReply = { status: number; body: Record<string, unknown> };

export type PushOutcome = { ok: true; reports: PushedReport[]; ack: ProviderReply } | { ok: false; error: TrackingProviderError; ack: ProviderReply };

export type TrackingProvider = {
  name: ProviderName;
  /** Our carrier code → whether this provider knows the carrier. */
  supports(carrierCode: string): boolean;
  query(request: TrackRequest): Promise<TrackReport>;
  /** Asks the provider to push news about the parcel; an existing subscription counts as done. */
  subscribe(request: TrackRequest): Promise<void>;
  /** Checks a push's signature over the bytes received and reads it; never throws. */
  receivePush(body: Uint8Array, now: Date): PushOutcome;
};

/**
 * Why a provider call failed, as the scheduler needs it: `retry` kinds back off and try again,
 * `quota` waits for the provider's next day, `account` stops the provider until an admin acts,
 * `parcel` gives up on this number with this provider for a long while.
 */
export const trackingErrorKinds = {
  signature: 'account',
  credentials: 'account',
  'not-enabled': 'account',
  quota: 'quota',
  'no-trace': 'retry',
  'unsupported-carrier': 'parcel',
  'phone-required': 'parcel',
  'bad-request': 'parcel',
  'carrier-refuses': 'parcel',
  'server-error': 'retry',
  busy: 'retry',
  timeout: 'retry',
  unreachable: 'retry',
  'bad-reply': 'retry',
} as const;
export type TrackingErrorKind = keyof typeof trackingErrorKinds;

const codes: Record<(typeof trackingErrorKinds)[TrackingErrorKind], ErrorCode> = { account: 'FORBIDDEN', quota: 'BLOCKED', retry: 'HUB_UNREACHABLE', parcel: 'INVALID_INPUT' };

/** A provider call that failed; its message names the provider, its code and what it said. */
export class TrackingProviderError extends AppError {
  constructor(
    readonly kind: TrackingErrorKind,
    readonly provider: ProviderName,
    /** The provider's own code (returnCode, ResultCode) or the HTTP status; '' when none. */
    readonly providerCode: string,
    said = '',
  ) {
    super(kind === 'timeout' ? 'TIMEOUT' : codes[trackingErrorKinds[kind]], msg(`trackingHub.error.${kind}` as MessageKey, { provider: provider, code: providerCode, said: said.slice(0, 200) }));
    this.name = 'TrackingProviderError';
  }
}

export const failure = (kind: TrackingErrorKind, provider: ProviderName, providerCode = '', said = '') => new TrackingProviderError(kind, provider, providerCode, said);
