import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a number field accepts: a range, whole numbers unless `decimal`. `blank`: what an emptied box means
 * (a count cleared to retype reads as 0 rather than as a mistake); without it an empty box is a problem.
 */
export type NumberRange = { min: number; max: number; decimal?: boolean; blank?: number };

/** The value typed, or null when it is empty (without `blank`), not a number, not whole (unless decimal) or out of range. */
export function readNumber(text: string, range: NumberRange): number | null {
  const s = text.trim();
  if (s === '' && range.blank !== undefined) return range.blank;
  if (!(range.decimal ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= range.min && n <= range.max ? n : null;
}

/**
 * A number box that keeps exactly what is typed (as text) while editing: the value reaches the
 * form only when it is a number in range; otherwise the box says so, naming the field and its
 * range, and tells the form (onProblem) so that it will not save. Nothing is ever clamped: a box
 * that snaps to its limits turns a backspaced "48" into "1", then "124".
 */
export function NumberField(props: {
  id: string;
  /** The field's name, as the problem message names it. */
  label: string;
  value: number;
  range: NumberRange;
  onValue: (n: number) => void;
  /** The problem in words, or null once the field holds a value again. */
  onProblem?: ((problem: string | null) => void) | undefined;
  testId?: string | undefined;
  disabled?: boolean | undefined;
}) {
  const { id, label, value, range, onValue, onProblem, testId, disabled } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(String(value));
  const textRef = useRef(text);
  textRef.current = text;
  const rangeRef = useRef(range);
  rangeRef.current = range;
  // A value set from outside (a reload) replaces the text; one this box sent does not.
  useEffect(() => {
    if (readNumber(textRef.current, rangeRef.current) !== value) setText(String(value));
  }, [value]);
  const problemOf = (typed: string) =>
    readNumber(typed, range) === null ? t(range.decimal ? 'numberField.decimal' : 'numberField.whole', { field: label, min: range.min, max: range.max }) : null;
  const problem = problemOf(text);
  // The form hears of the problem whenever it changes, not only on typing: a value set from outside (a + button,
  // a reload) clears a bad text, and a field that goes away takes its problem with it, or the form would stay blocked.
  const onProblemRef = useRef(onProblem);
  onProblemRef.current = onProblem;
  useEffect(() => onProblemRef.current?.(problem), [problem]);
  useEffect(() => () => onProblemRef.current?.(null), []);
  return (
    <span className="number-field">
      <input
        id={id}
        className="input input-num"
        type="text"
        inputMode={range.decimal ? 'decimal' : 'numeric'}
        autoComplete="off"
        aria-label={label}
        value={text}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const n = readNumber(next, range);
          if (n !== null) onValue(n);
        }}
        data-testid={testId}
      />
      {problem && (
        <span id={`${id}-problem`} className="field-problem" role="alert" data-testid={testId ? `${testId}-problem` : undefined}>
          {problem}
        </span>
      )}
    </span>
  );
}

/**
 * The problems of a form's fields, by field id: a form saves only while there are none. Each
 * field reports through `reporter(id)`.
 */
export function useFieldProblems() {
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const reporter = useCallback(
    (id: string) => (problem: string | null) =>
      setProblems((all) => {
        if ((all[id] ?? null) === problem) return all;
        const { [id]: _gone, ...rest } = all;
        return problem === null ? rest : { ...rest, [id]: problem };
      }),
    [],
  );
  return { problems: Object.values(problems), reporter };
}
