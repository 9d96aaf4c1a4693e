/**
 * A required reason (stock moves, voids) as a label and its field, two cells of a .form-grid: free
 * text, with one-tap common reasons below that fill it in and stay editable.
 */
export function ReasonField(props: { id: string; label: string; value: string; onChange: (reason: string) => void; options: string[]; placeholder?: string }) {
  const { id, label, value, onChange, options, placeholder } = props;
  return (
    <>
      <label htmlFor={id}>
        {label}
        <b className="required"> *</b>
      </label>
      <div>
        <input id={id} className="input" value={value} maxLength={200} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={id} />
        <div className="chip-row">
          {options.map((o) => (
            <button type="button" key={o} className={o === value ? 'chip chip-on' : 'chip'} aria-pressed={o === value} onClick={() => onChange(o)}>
              {o}
            </button>
          ))}
        </div>
      </div>
    </>
  );
}
