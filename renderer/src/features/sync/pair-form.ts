import { normalizeFingerprint } from '#shared/domain/fingerprint';
import type { PairDraft } from './sync.store';

/**
 * The hub address as typed ("192.168.1.10:5180", "https://hub.local:5180/") made into the URL the
 * host expects, or null when it cannot be one. A bare address gets https://: the hub speaks TLS
 * unless it was started with --insecure-http, and then the admin types http:// on purpose.
 */
export function normalizeHubUrl(text: string): string | null {
  const typed = text.trim();
  if (!typed || /\s/.test(typed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** A plain-HTTP hub: no fingerprint to check, and the admin must accept that nothing is encrypted. */
export const isInsecureHubUrl = (text: string): boolean => normalizeHubUrl(text)?.startsWith('http:') ?? false;

export type PairField = 'hubUrl' | 'fingerprint' | 'insecureHttp' | 'code' | 'stationName';
/** i18n keys of what is wrong with each field; empty when the draft can be sent. */
export type PairProblems = Partial<Record<PairField, string>>;

export function checkPairDraft(draft: PairDraft): PairProblems {
  const problems: PairProblems = {};
  if (!draft.hubUrl.trim()) problems.hubUrl = 'sync.pairForm.hubUrlMissing';
  else if (!normalizeHubUrl(draft.hubUrl)) problems.hubUrl = 'sync.pairForm.hubUrlBad';
  if (isInsecureHubUrl(draft.hubUrl)) {
    if (!draft.insecureHttp) problems.insecureHttp = 'sync.pairForm.insecureUnconfirmed';
  } else if (!draft.fingerprint.trim()) problems.fingerprint = 'sync.pairForm.fingerprintMissing';
  else if (!normalizeFingerprint(draft.fingerprint)) problems.fingerprint = 'sync.pairForm.fingerprintBad';
  if (!/^\d{8}$/.test(draft.code)) problems.code = 'sync.pairForm.codeBad';
  const name = draft.stationName.trim();
  if (!name) problems.stationName = 'sync.pairForm.nameMissing';
  else if (name.length > 60) problems.stationName = 'sync.pairForm.nameLong';
  return problems;
}
