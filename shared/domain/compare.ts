/**
 * After an interview: line up the candidate's scratchpad results with the problem's reference
 * figures. Units are free text in content ("URLs/s", "TB") and mathjs units in the scratchpad
 * ("/s", "TB"), so both are reduced to a dimension and a scale before comparing. This is a hint
 * for reflection, never a score.
 */
export type Dimension = 'bytes' | 'per-second' | 'per-day' | 'count';

const BYTE_SCALE: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  EB: 1e18,
};

const WORD_SCALE: [RegExp, number][] = [
  [/\bthousand\b|^K\b/i, 1e3],
  [/\bmillion\b|^M\b/i, 1e6],
  [/\bbillion\b/i, 1e9],
  [/\btrillion\b/i, 1e12],
];

export function classify(unit: string | undefined): { dimension: Dimension; scale: number } {
  const u = (unit ?? '').trim();
  const words = WORD_SCALE.find(([re]) => re.test(u))?.[1] ?? 1;
  const c = classifyUnit(u);
  return { dimension: c.dimension, scale: c.scale * words };
}

function classifyUnit(u: string): { dimension: Dimension; scale: number } {
  const byteMatch = /(?:^|[^A-Za-z])(kB|KB|MB|GB|TB|PB|EB|B)(?:$|[^A-Za-z])/.exec(` ${u} `);
  if (byteMatch && !/\/\s*(s|sec|second)\b/.test(u))
    return { dimension: 'bytes', scale: BYTE_SCALE[byteMatch[1]!]! };
  if (/\/\s*(s|sec|second)\b|per second|\bqps\b|\brps\b/i.test(u))
    return { dimension: 'per-second', scale: 1 };
  if (/\/\s*day\b|per day/i.test(u)) return { dimension: 'per-day', scale: 1 };
  return { dimension: 'count', scale: 1 };
}

export interface Figure {
  label: string;
  value: number;
  unit?: string;
}

export interface Comparison {
  reference: Figure;
  /** The candidate's closest figure of the same kind, if any within 100×. */
  yours: (Figure & { line: number }) | null;
  /** yours / reference, in the reference's unit. */
  ratio: number | null;
  verdict: 'close' | 'within-2x' | 'off' | 'missing';
}

export function compareEstimates(
  reference: readonly Figure[],
  yours: readonly (Figure & { line: number })[],
): Comparison[] {
  const mine = yours.map((y) => ({ y, c: classify(y.unit) }));
  return reference.map((ref) => {
    const rc = classify(ref.unit);
    const base = ref.value * rc.scale;
    let best: { y: Figure & { line: number }; ratio: number } | null = null;
    for (const { y, c } of mine) {
      if (c.dimension !== rc.dimension || y.value === 0 || base === 0) continue;
      const ratio = (y.value * c.scale) / base;
      if (ratio <= 0 || ratio > 100 || ratio < 0.01) continue;
      if (!best || Math.abs(Math.log(ratio)) < Math.abs(Math.log(best.ratio))) best = { y, ratio };
    }
    if (!best) return { reference: ref, yours: null, ratio: null, verdict: 'missing' };
    const off = Math.max(best.ratio, 1 / best.ratio);
    return {
      reference: ref,
      yours: best.y,
      ratio: best.ratio,
      verdict: off <= 1.15 ? 'close' : off <= 2 ? 'within-2x' : 'off',
    };
  });
}
