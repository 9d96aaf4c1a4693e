/**
 * A required reason (stock moves, voids) as a label and its field, two cells of a .form-grid: free
 * text, with one-tap common reasons below that fill it in and stay editable. A form that keeps which
 * chip was tapped (a void's reason code) passes `onPick` and `picked`: then a chip shows as chosen
 * only when tapped, not when the same words were typed.
 */
export function ReasonField(props: {
  id: string; label: string; value: string; onChange: (reason: string) => void; options: string[]; placeholder?: string;
  onPick?: (option: string) => void; picked?: string | null;
}) {
  const { id, label, value, onChange, options, placeholder, onPick, picked } = props;
  const chosen = (o: string) => (picked === undefined ? o === value : o === picked);
  return (
    <>
      <label htmlFor={id}>
        {label}
        <b className="required"> *</b>
      </label>
      <div className="reason-field">
        <input id={id} className="input" value={value} maxLength={200} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={id} />
        <div className="chip-row">
          {options.map((o) => (
            <button
              type="button"
              key={o}
              className={chosen(o) ? 'chip chip-on' : 'chip'}
              aria-pressed={chosen(o)}
              onClick={() => {
                onChange(o);
                onPick?.(o);
              }}
            >
              {o}
            </button>
          ))}
        </div>
      </div>
    </>
  );
}
