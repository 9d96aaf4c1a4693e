import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';
import { useTranslation } from 'react-i18next';
import type { CarrierRule } from '#shared/contract/carriers.contract';
import { ruleProblems, type RuleProblem } from '#shared/domain/carrier-rules';
import { ErrorText } from '../../components/ErrorText';
import { carrierLabel, parseWhole, splitList } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useCarriersStore } from './carriers.store';

/** A rule as edited: lists and numbers kept as typed text until saved. */
type RuleDraft = { carrierCode: string; provinces: string; minWeightG: string; maxWeightG: string; skuCodes: string };

const toDraft = (r: CarrierRule): RuleDraft => ({
  carrierCode: r.carrierCode,
  provinces: r.provinces.join(' '),
  minWeightG: r.minWeightG === null ? '' : String(r.minWeightG),
  maxWeightG: r.maxWeightG === null ? '' : String(r.maxWeightG),
  skuCodes: r.skuCodes.join(' '),
});

const toRule = (d: RuleDraft): CarrierRule => ({
  carrierCode: d.carrierCode,
  provinces: splitList(d.provinces),
  minWeightG: parseWhole(d.minWeightG),
  maxWeightG: parseWhole(d.maxWeightG),
  skuCodes: splitList(d.skuCodes),
});

const weightOk = (text: string) => text.trim() === '' || parseWhole(text) !== null;

/** Why the rule as typed could never match (min above max, a province no address has), as the station would refuse it. */
const problemsOf = (d: RuleDraft): RuleProblem[] => ruleProblems(toRule(d));

/**
 * The SKU codes typed in the rules that the catalog does not have, asked a moment after typing stops:
 * a rule naming them matches nothing until those SKUs are imported, said before it is saved.
 */
function useUnknownCodes(codes: string[]): ReadonlySet<string> {
  const [unknown, setUnknown] = useState<ReadonlySet<string>>(new Set());
  const key = [...new Set(codes)].sort().join(' ');
  useEffect(() => {
    if (key === '') return void setUnknown(new Set());
    let live = true;
    const timer = setTimeout(() => {
      getApi()
        .call('catalog.unknownCodes', { codes: key.split(' ').slice(0, 500) })
        .then((list) => live && setUnknown(new Set(list)))
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return unknown;
}

/** Carrier rules: first match wins, top to bottom; empty conditions match everything. */
export function CarrierRulesEditor() {
  const { t, i18n } = useTranslation();
  const s = useCarriersStore();
  const [drafts, setDrafts] = useState<RuleDraft[] | null>(null);
  const [fallback, setFallback] = useState<string>('');
  useEffect(() => {
    void useCarriersStore.getState().load();
  }, []);
  const rows = drafts ?? s.rules.map(toDraft);
  const defaultCarrier = drafts ? fallback : (s.defaultCarrier ?? '');
  const edit = (next: RuleDraft[]) => {
    if (!drafts) setFallback(s.defaultCarrier ?? '');
    setDrafts(next);
  };
  const set = (i: number, patch: Partial<RuleDraft>) => edit(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    edit(next);
  };
  const problems = rows.map(problemsOf);
  const unknownCodes = useUnknownCodes(rows.flatMap((r) => splitList(r.skuCodes)));
  const problemIn = (i: number, field: RuleProblem['field']) => problems[i]?.find((p) => p.field === field);
  const valid = rows.every((r, i) => r.carrierCode && weightOk(r.minWeightG) && weightOk(r.maxWeightG) && problems[i]?.length === 0);
  const problemText = (i: number, field: RuleProblem['field']) => {
    const problem = problemIn(i, field);
    return (
      problem && (
        <div className="rule-problem" role="alert" data-testid={`rule-${i}-${field}-problem`}>
          {hostText(t, problem.message)}
        </div>
      )
    );
  };
  const inputClass = (base: string, bad: boolean) => (bad ? `${base} input-bad` : base);
  const save = async () => {
    if (await s.saveRules(rows.map(toRule), defaultCarrier || null)) setDrafts(null);
  };
  // Each carrier with its free numbers: a rule to one with none is seen here, not at the bench's last scan.
  const carrierOptions = s.carriers.map((c) => (
    <option key={c.code} value={c.code}>
      {carrierLabel(c, i18n.language)} ({c.code}) · {t('bench.poolFree', { count: c.pool.free })}
    </option>
  ));
  return (
    <div className="rules" data-testid="rules-editor">
      <p className="muted">{t('rules.hint')}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('rules.carrier')}</th>
              <th>{t('rules.provinces')}</th>
              <th>{t('rules.minWeight')}</th>
              <th>{t('rules.maxWeight')}</th>
              <th>{t('rules.skus')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted center" data-testid="rules-empty">
                  {t('rules.empty')}
                </td>
              </tr>
            )}
            {rows.map((r, i) => (
              <tr key={i} data-testid={`rule-${i}`}>
                <td className="num">{i + 1}</td>
                <td>
                  <select className="input" value={r.carrierCode} onChange={(e) => set(i, { carrierCode: e.target.value })}>
                    <option value="">—</option>
                    {carrierOptions}
                  </select>
                </td>
                <td>
                  <input
                    className={inputClass('input', !!problemIn(i, 'provinces'))}
                    value={r.provinces}
                    placeholder={t('rules.provincesHint')}
                    onChange={(e) => set(i, { provinces: e.target.value })}
                    data-testid={`rule-${i}-provinces`}
                  />
                  {problemText(i, 'provinces')}
                </td>
                <td>
                  <input
                    className={inputClass('input input-num', !weightOk(r.minWeightG) || !!problemIn(i, 'weight'))}
                    value={r.minWeightG}
                    inputMode="numeric"
                    onChange={(e) => set(i, { minWeightG: e.target.value })}
                    data-testid={`rule-${i}-min`}
                  />
                </td>
                <td>
                  <input
                    className={inputClass('input input-num', !weightOk(r.maxWeightG) || !!problemIn(i, 'weight'))}
                    value={r.maxWeightG}
                    inputMode="numeric"
                    onChange={(e) => set(i, { maxWeightG: e.target.value })}
                    data-testid={`rule-${i}-max`}
                  />
                  {problemText(i, 'weight')}
                </td>
                <td>
                  <input className="input" value={r.skuCodes} onChange={(e) => set(i, { skuCodes: e.target.value })} data-scan-target="field" data-testid={`rule-${i}-skus`} />
                  {splitList(r.skuCodes).some((c) => unknownCodes.has(c)) && (
                    <div className="rule-problem" role="alert" data-testid={`rule-${i}-skus-unknown`}>
                      {t('rules.unknownSkus', { codes: splitList(r.skuCodes).filter((c) => unknownCodes.has(c)).join(' ') })}
                    </div>
                  )}
                </td>
                <td className="actions">
                  <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('rules.up')}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-small" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('rules.down')}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => edit(rows.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row-gap">
        <button
          type="button"
          className="btn"
          onClick={() => edit([...rows, { carrierCode: s.carriers[0]?.code ?? '', provinces: '', minWeightG: '', maxWeightG: '', skuCodes: '' }])}
          data-testid="rule-add"
        >
          {t('rules.add')}
        </button>
        <label className="inline-field">
          {t('rules.default')}
          <select
            className="input"
            value={defaultCarrier}
            onChange={(e) => {
              if (!drafts) setDrafts(rows);
              setFallback(e.target.value);
            }}
            data-testid="rule-default"
          >
            <option value="">{t('rules.noDefault')}</option>
            {carrierOptions}
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={!valid || s.savingRules || drafts === null} onClick={() => void save()} data-testid="rules-save">
          {t('common.save')}
        </button>
        {drafts !== null && (
          <button type="button" className="btn btn-ghost" onClick={() => setDrafts(null)}>
            {t('rules.discard')}
          </button>
        )}
        {s.rulesSaved && drafts === null && <span className="ok-text">{t('common.saved')}</span>}
      </div>
      <ErrorText error={s.error} />
    </div>
  );
}
