import type { PairDraft } from './sync.store';

/**
 * The hub address as typed ("192.168.1.10:5180", "http://hub.local:5180/") made into the URL the
 * host expects, or null when it cannot be one. A bare address gets http://, which the hub speaks on
 * the shop's network.
 */
export function normalizeHubUrl(text: string): string | null {
  const typed = text.trim();
  if (!typed || /\s/.test(typed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`;
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

export type PairField = 'hubUrl' | 'code' | 'stationName';
/** i18n keys of what is wrong with each field; empty when the draft can be sent. */
export type PairProblems = Partial<Record<PairField, string>>;

export function checkPairDraft(draft: PairDraft): PairProblems {
  const problems: PairProblems = {};
  if (!draft.hubUrl.trim()) problems.hubUrl = 'sync.pairForm.hubUrlMissing';
  else if (!normalizeHubUrl(draft.hubUrl)) problems.hubUrl = 'sync.pairForm.hubUrlBad';
  if (!/^\d{8}$/.test(draft.code)) problems.code = 'sync.pairForm.codeBad';
  const name = draft.stationName.trim();
  if (!name) problems.stationName = 'sync.pairForm.nameMissing';
  else if (name.length > 60) problems.stationName = 'sync.pairForm.nameLong';
  return problems;
}
