/** A list's filters as a segmented switch: one pressed button, the filter in force. */
export function FilterButtons<F extends string>(props: {
  filters: readonly F[];
  value: F;
  onPick: (filter: F) => void;
  label: (filter: F) => string;
  /** Each button's test id is this, a dash and its filter. */
  testIdPrefix: string;
  ariaLabel?: string;
}) {
  const { filters, value, onPick, label, testIdPrefix, ariaLabel } = props;
  return (
    <div className="segmented" role="group" aria-label={ariaLabel}>
      {filters.map((f) => (
        <button type="button" key={f} className={value === f ? 'seg seg-on' : 'seg'} aria-pressed={value === f} onClick={() => onPick(f)} data-testid={`${testIdPrefix}-${f}`}>
          {label(f)}
        </button>
      ))}
    </div>
  );
}
