/**
 * The estimation scratchpad: each line is evaluated with units by mathjs, as you type.
 * Interview shorthand is accepted on top of mathjs: `100M` (no space) means 100 million, likewise
 * K, B (billion) and T; `600 B` (with a space) is 600 bytes. `to 1/s`, `to /s` and `per s` convert
 * rates. Lines may assign names (`writes = 100M / day`) used by later lines; `#` starts a comment.
 * Each line is checked before it runs (shared/domain/formula.ts): a line that defines a function,
 * branches or builds a matrix is refused, so no line can freeze the window it is typed in.
 */
import { all, create, type MathJsInstance, type Unit } from 'mathjs';
import { ARITHMETIC_OPERATORS, SAFE_FUNCTIONS, parseBoundedFormula, type FormulaRules } from './formula';

/** Arithmetic, unit conversion (`to`, `in`), `%` (percent and remainder) and `!`; naming a line. */
export const SCRATCHPAD_RULES: FormulaRules = {
  functions: SAFE_FUNCTIONS,
  operators: new Set([...ARITHMETIC_OPERATORS, 'to', 'mod', 'factorial']),
  allowNaming: true,
  allowedText: 'use numbers, units, names, + - * / ^ % !, "to" and the listed functions',
};

export interface LineResult {
  line: number;
  input: string;
  /** Formatted value, e.g. "1,157 /s" or "109.5 TB". */
  output?: string;
  /** Numeric value in the displayed unit, for comparisons. */
  value?: number;
  unit?: string;
  error?: string;
  /** The name assigned on this line, if any. */
  name?: string;
}

let math: MathJsInstance | null = null;
function getMath(): MathJsInstance {
  if (!math) {
    math = create(all!, {});
    // Interview-friendly units mathjs lacks.
    math.createUnit('req', { aliases: ['reqs', 'request', 'requests'] });
    math.createUnit('msg', { aliases: ['msgs', 'message', 'messages'] });
    math.createUnit('event', { aliases: ['events'] });
    math.createUnit('user', { aliases: ['users'] });
    math.createUnit('month', { definition: '30.4375 day', aliases: ['months'] }, { override: true });
  }
  return math;
}

const SUFFIX: Record<string, string> = { K: 'e3', k: 'e3', M: 'e6', B: 'e9', T: 'e12' };

/** Rewrites interview shorthand into mathjs syntax. Exposed for tests. */
export function normalise(input: string): string {
  let s = input.replace(/(?:#|\/\/).*$/, '').trim();
  // 100M, 2.5B, 10K: a suffix glued to a number and not followed by a letter (so 10KB stays bytes).
  s = s.replace(
    /(\d(?:[\d_]*\d)?(?:\.\d+)?)([KkMBT])(?![A-Za-z])/g,
    (_m, num: string, suf: string) => `${num.replace(/_/g, '')}${SUFFIX[suf]}`,
  );
  // 1,000,000 → 1000000 (repeat: each pass joins every other group)
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
  }
  s = s.replace(/\bper\s+(s|sec|second|min|minute|h|hour|day|month|year)\b/g, '/ $1');
  // "to 1/s", "to /s", "to per s" → a reciprocal unit mathjs understands.
  s = s.replace(/\bto\s+(?:1\s*)?\/\s*([A-Za-z]+)\s*$/, 'to $1^-1');
  // `min` is a function in mathjs; as a unit it needs its long name.
  s = s.replace(/\bmin\b(?!\s*\()/g, 'minute');
  s = s.replace(/\bsec\b/g, 's');
  s = s.replace(/(\d|\b)KB\b/g, '$1kB'); // mathjs spells kilobytes with a small k
  s = s.replace(/(\d|\b)Kb\b/g, '$1kb');
  return s;
}

const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/** Four significant digits, with words for big numbers: "1,157", "3.522 trillion", "0.0125". */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4)) return n.toExponential(3).replace(/\.?0+e/, 'e');
  for (const [scale, word] of SCALES) {
    if (abs >= scale)
      return `${(n / scale).toLocaleString('en-US', { maximumSignificantDigits: 4 })} ${word}`;
  }
  return n.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

function formatUnit(unit: string): string {
  // "s^-1" → "/s", "1 / s" → "/s"
  return unit
    .replace(/\bminute\b/g, 'min')
    .replace(/^([A-Za-z]+)\^-1$/, '/$1')
    .replace(/^1 \/ /, '/');
}

export function evaluateScratchpad(text: string): LineResult[] {
  const m = getMath();
  const scope = new Map<string, unknown>();
  const results: LineResult[] = [];
  text.split('\n').forEach((input, index) => {
    const line = index + 1;
    const expr = normalise(input);
    if (expr === '') {
      results.push({ line, input });
      return;
    }
    try {
      const parsed = parseBoundedFormula(m, expr, SCRATCHPAD_RULES);
      if (!parsed.ok) {
        results.push({ line, input, error: `This line ${parsed.error}.` });
        return;
      }
      const assigned = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(expr)?.[1];
      const value: unknown = parsed.node.compile().evaluate(scope);
      const result: LineResult = { line, input, ...(assigned ? { name: assigned } : {}) };
      if (typeof value === 'number') {
        results.push({ ...result, output: formatNumber(value), value });
      } else if (m.isUnit(value)) {
        const u = value as Unit;
        const unitText = u.formatUnits();
        const numeric = u.toNumber(unitText === '' ? undefined : unitText);
        const shown = formatUnit(unitText.trim());
        results.push({
          ...result,
          output: `${formatNumber(numeric)} ${shown}`.trim(),
          value: numeric,
          unit: shown,
        });
      } else if (typeof value === 'function' || value === undefined) {
        results.push({ ...result, error: 'That is not a calculation.' });
      } else {
        results.push({ ...result, output: m.format(value, { precision: 6 }) });
      }
    } catch (e) {
      results.push({ line, input, error: plainError((e as Error).message) });
    }
  });
  return results;
}

function plainError(message: string): string {
  if (/Undefined symbol (\w+)/.test(message)) {
    const name = /Undefined symbol (\w+)/.exec(message)![1];
    return `“${name}” is not a unit or a name defined above.`;
  }
  if (/Units do not match/.test(message)) return 'The units on each side do not match.';
  if (/Cannot convert/.test(message)) return 'Those units cannot be converted into each other.';
  return message;
}
