/** Percentile of a sample in milliseconds (nearest-rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export type Figure = {
  path: string;
  value: number;
  unit: string;
  budget: string;
  floor?: { name: string; value: number };
  /** How many times the floor's cost ours is (value/floor for times, floor/value for rates). */
  ratio?: number;
  note?: string;
};

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  if (!f.floor) return f;
  const isRate = f.unit.endsWith('/s');
  return { ...f, ratio: isRate ? f.floor.value / f.value : f.value / f.floor.value };
}

export function printFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.path,
    `${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}`,
    f.budget,
    f.floor ? `${f.floor.name}: ${f.floor.value.toFixed(f.floor.value < 10 ? 3 : 1)} ${f.unit}` : '—',
    f.ratio ? `${f.ratio.toFixed(1)}×` : '—',
    f.note ?? '',
  ]);
  const header = ['path', 'figure', 'budget', 'floor (same run)', 'ratio', 'note'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  return lines.join('\n');
}
