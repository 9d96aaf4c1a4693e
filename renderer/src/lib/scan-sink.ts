/**
 * Who takes the scanner's codes besides the bench. A form that is open over the bench (the damage
 * form) or a screen that scans for itself (returns) claims them while it is shown: a code then
 * types into that form and never reaches the bench's scan path. The latest claim wins; releasing
 * it gives the scanner back to whoever claimed before.
 */
type Sink = (code: string) => void;
const sinks: { sink: Sink }[] = [];

export function claimScans(sink: Sink): () => void {
  const entry = { sink };
  sinks.push(entry);
  return () => {
    const at = sinks.indexOf(entry);
    if (at !== -1) sinks.splice(at, 1);
  };
}

/** Hands a scanned code to the latest claim; false when nothing claimed it (the bench takes it). */
export function routeScan(code: string): boolean {
  const top = sinks.at(-1);
  if (!top) return false;
  top.sink(code);
  return true;
}
