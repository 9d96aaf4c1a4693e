/** One-tap reasons for a free-text reason field (stock moves, voids); the text stays editable. */
export function ReasonChips({ options, value, onPick }: { options: string[]; value: string; onPick: (reason: string) => void }) {
  return (
    <div className="chip-row">
      {options.map((o) => (
        <button type="button" key={o} className={o === value ? 'chip chip-on' : 'chip'} aria-pressed={o === value} onClick={() => onPick(o)}>
          {o}
        </button>
      ))}
    </div>
  );
}
