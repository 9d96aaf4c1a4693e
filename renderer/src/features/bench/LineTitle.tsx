/** A code-like run: letters and digits joined by - _ . / (SKU-0024, XL-2024, A1/B2). */
const CODE = /[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)+/g;

/**
 * An item title whose codes never break in the middle. Chromium wraps after a hyphen, so in a
 * narrow column (the label preview open) "简约连衣裙 SKU-0024" read "简约连衣裙 SKU-" / "0024" and a
 * packer compared half a code; each code is kept on one line and the title wraps around it.
 */
export function LineTitle({ title }: { title: string }) {
  const parts: (string | { code: string })[] = [];
  let at = 0;
  for (const m of title.matchAll(CODE)) {
    if (m.index > at) parts.push(title.slice(at, m.index));
    parts.push({ code: m[0] });
    at = m.index + m[0].length;
  }
  if (at < title.length) parts.push(title.slice(at));
  return (
    <div className="line-title">
      {parts.map((p, i) => (typeof p === 'string' ? p : <span key={i} className="line-code">{p.code}</span>))}
    </div>
  );
}
