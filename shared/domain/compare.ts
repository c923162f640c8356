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
  unit?: string | undefined;
  /** Reference figures: the content's id (camelCase words, e.g. peakWritesPerSec). */
  id?: string | undefined;
}

export interface YourLine extends Figure {
  line: number;
  /** The name the line assigned (`peak_writes = …`), its strongest hint of meaning. */
  name?: string | undefined;
}

export type Verdict = 'close' | 'within-2x' | 'off' | 'not-computed';

export interface Comparison {
  reference: Figure;
  /** One of the problem's key figures (listed first). */
  key: boolean;
  /** The line that computed this figure, if any: same kind of unit and the same meaning. */
  yours: YourLine | null;
  /** yours / reference, in the reference's unit. */
  ratio: number | null;
  verdict: Verdict;
  /** Meaning: the words agree. Value: a line with no words whose result is within 15%. */
  matchedBy: 'meaning' | 'value' | null;
}

/** Words that mean the same thing in an estimate, reduced to one. */
const SYNONYMS: Record<string, string> = {
  writ: 'write',
  create: 'write',
  creat: 'write',
  insert: 'write',
  new: 'write',
  shorten: 'write',
  upload: 'write',
  redirect: 'read',
  click: 'read',
  lookup: 'read',
  visit: 'read',
  resolve: 'read',
  view: 'read',
  get: 'read',
  store: 'storage',
  stor: 'storage',
  disk: 'storage',
  space: 'storage',
  memory: 'cache',
  ram: 'cache',
  cach: 'cache',
  url: 'link',
  record: 'link',
  row: 'link',
  mapping: 'link',
  msg: 'message',
  req: 'request',
  qps: 'request',
  rps: 'request',
  max: 'peak',
  maximum: 'peak',
  busiest: 'peak',
  burst: 'peak',
  spike: 'peak',
  averag: 'average',
  avg: 'average',
  mean: 'average',
  typical: 'average',
  sustained: 'average',
  replica: 'replication',
  replicated: 'replication',
  copy: 'replication',
  server: 'node',
  machine: 'node',
  host: 'node',
  instance: 'node',
  daily: 'day',
  yearly: 'year',
  annual: 'year',
};
/** Units and glue: they say nothing about which figure a line is. */
const NOISE = new Set(
  'to in of per the a an and or for with at by from on s sec second seconds b kb mb gb tb pb eb byte bytes k m t thousand million billion trillion x e ms min minute hour day week month year ceil sqrt log is it its this that we our'.split(
    ' ',
  ),
);

function stemWord(w: string): string {
  let x = w.toLowerCase();
  if (x.length > 4 && x.endsWith('ies')) x = `${x.slice(0, -3)}y`;
  else if (x.length > 3 && x.endsWith('es') && /(ches|shes|xes|sses)$/.test(x)) x = x.slice(0, -2);
  else if (x.length > 3 && x.endsWith('s') && !x.endsWith('ss')) x = x.slice(0, -1);
  if (x.length > 5 && x.endsWith('ing')) x = x.slice(0, -3);
  else if (x.length > 4 && x.endsWith('ed')) x = x.slice(0, -2);
  if (x.length > 3 && x.endsWith('e')) x = x.slice(0, -1);
  return SYNONYMS[x] ?? SYNONYMS[w.toLowerCase()] ?? x;
}

/** The meaning words of a label, an id (camelCase, snake_case) or an expression. */
export function meaningWords(text: string | undefined): Set<string> {
  const spaced = (text ?? '')
    .replace(/#.*$/, (c) => ` ${c.slice(1)} `)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-/*+^=()]/g, ' ');
  const out = new Set<string>();
  for (const w of spaced.match(/[A-Za-z]+/g) ?? []) {
    if (NOISE.has(w.toLowerCase()) || w.length < 2) continue;
    const s = stemWord(w);
    if (!NOISE.has(s)) out.add(s);
  }
  return out;
}

const QUALIFIERS = new Set(['peak', 'average']);

/**
 * Pairs the candidate's scratchpad lines with the problem's reference figures. Each line matches at
 * most one figure and each figure at most one line: same kind of unit, and the same meaning (label
 * words, with peak never mistaken for average), or, for a line with no words at all, a value within
 * 15%. A figure nobody computed is "not computed", never "off". Key figures come first.
 */
export function compareEstimates(
  reference: readonly Figure[],
  yours: readonly YourLine[],
  keyIds: ReadonlySet<string> = new Set(),
): Comparison[] {
  const refs = reference.map((f, i) => ({
    f,
    i,
    c: classify(f.unit),
    words: new Set([...meaningWords(f.label), ...meaningWords(f.id), ...meaningWords(f.unit)]),
  }));
  const lines = yours.map((y) => {
    const name = meaningWords(y.name);
    const words = new Set([...name, ...meaningWords(y.label.replace(/\d[\d.,_]*[KMBT]?/g, ' '))]);
    return { y, c: classify(y.unit), name, words };
  });
  const pairs: { r: number; l: number; score: number; ratio: number; by: 'meaning' | 'value' }[] = [];
  for (const r of refs) {
    const base = r.f.value * r.c.scale;
    for (const [l, line] of lines.entries()) {
      if (line.c.dimension !== r.c.dimension || base === 0 || line.y.value === 0) continue;
      const ratio = (line.y.value * line.c.scale) / base;
      if (!(ratio > 1e-3 && ratio < 1e3)) continue;
      const closeness = Math.abs(Math.log(ratio));
      const peakRef = r.words.has('peak');
      const peakLine = line.words.has('peak');
      if (line.words.size === 0) {
        if (closeness <= Math.log(1.15)) pairs.push({ r: r.i, l, score: 1 - closeness, ratio, by: 'value' });
        continue;
      }
      if (peakRef !== peakLine) continue; // "Peak creates" is never the average line, nor the reverse
      let shared = 0;
      for (const w of line.words) {
        if (QUALIFIERS.has(w) || !r.words.has(w)) continue;
        shared += line.name.has(w) ? 2 : 1;
      }
      if (shared === 0) continue;
      pairs.push({ r: r.i, l, score: 10 * shared - closeness, ratio, by: 'meaning' });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.r - b.r || a.l - b.l);
  const byRef = new Map<number, (typeof pairs)[number]>();
  const usedLines = new Set<number>();
  for (const p of pairs) {
    if (byRef.has(p.r) || usedLines.has(p.l)) continue;
    byRef.set(p.r, p);
    usedLines.add(p.l);
  }
  const rows = refs.map(({ f, i }): Comparison => {
    const key = f.id !== undefined && keyIds.has(f.id);
    const p = byRef.get(i);
    if (!p) return { reference: f, key, yours: null, ratio: null, verdict: 'not-computed', matchedBy: null };
    const off = Math.max(p.ratio, 1 / p.ratio);
    return {
      reference: f,
      key,
      yours: lines[p.l]!.y,
      ratio: p.ratio,
      verdict: off <= 1.15 ? 'close' : off <= 2 ? 'within-2x' : 'off',
      matchedBy: p.by,
    };
  });
  // Key figures first, then the others you computed, then the rest; the content's order within each.
  const rank = (c: Comparison) => (c.key ? 0 : c.yours ? 1 : 2);
  return rows
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

const NUMBER_SCALE: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * The problem's key figures: those its strong-answer checklist quotes ("~1,160 writes/s, ~116K
 * reads/s, ~110 TB …"), at most six; without any quoted, the first four the content derives.
 */
export function keyFigureIds(
  derived: readonly { id: string; value: number; unit: string }[],
  checklist: readonly string[],
): Set<string> {
  const quoted: number[] = [];
  for (const m of checklist.join('\n').matchAll(/(\d[\d,]*(?:\.\d+)?)\s?([KkMBT](?![A-Za-z]))?(%?)/g)) {
    if (m[3]) continue; // a percentage quoted in passing ("~95% hits") is not a figure to compute
    const n = Number(m[1]!.replace(/,/g, '')) * (m[2] ? NUMBER_SCALE[m[2]]! : 1);
    if (n >= 10 || /\./.test(m[1]!)) quoted.push(n);
  }
  const near = (a: number, b: number) => b !== 0 && Math.abs(a / b - 1) <= 0.05;
  const ids: string[] = [];
  const taken = new Set<number>();
  for (const d of derived) {
    const scaled = d.value * classify(d.unit).scale;
    const q = quoted.findIndex((n, i) => !taken.has(i) && (near(n, d.value) || near(n, scaled)));
    if (q < 0) continue;
    taken.add(q);
    ids.push(d.id);
    if (ids.length === 6) break;
  }
  return new Set(ids.length > 0 ? ids : derived.slice(0, 4).map((d) => d.id));
}
