/**
 * Bounded formulas (issue 8, item 7): content-pack estimate formulas and scratchpad lines are parsed
 * and checked before anything runs. These tests assert the refusal and its reason, not a time: a
 * formula that slipped through would hang the test rather than fail it slowly.
 */
import path from 'node:path';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../electron/core/library/load';
import { recomputeEstimates, validatePack, type Estimates } from '../../shared/content/validate';
import {
  CONTENT_FORMULA_RULES,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NODES,
  parseBoundedFormula,
} from '../../shared/domain/formula';
import { evaluateScratchpad } from '../../shared/domain/scratchpad';

/** 2^depth calls when evaluated: each function calls the one before it twice. */
function exponentialFormula(depth: number, separator = '; '): string {
  const defs = ['f0(x) = x'];
  for (let i = 1; i <= depth; i++) defs.push(`f${i}(x) = f${i - 1}(x) + f${i - 1}(x)`);
  return `${defs.join(separator)}${separator}f${depth}(1)`;
}

function estimates(formula: string): Estimates {
  return {
    assumptions: [
      { id: 'dau', label: 'Daily users', value: 100e6, unit: 'users' },
      { id: 'perUser', label: 'Writes per user', value: 2, unit: 'writes/day' },
    ],
    derived: [{ id: 'out', label: 'Out', formula, value: 1, unit: 'x', sigDigits: 2 }],
  };
}

const BUILTIN = path.resolve(import.meta.dirname, '..', '..', 'assets', 'content', 'builtin');

const errorFor = (formula: string) => recomputeEstimates(estimates(formula))[0]!.error ?? '';

describe('content formulas are bounded', () => {
  it('refuses the exponential formula (nested function definitions) without running it', () => {
    // 40 levels would be 2^40 calls: hours of work on the back end's only thread before the fix.
    const formula = exponentialFormula(18);
    expect(formula.length).toBeLessThan(MAX_FORMULA_LENGTH);
    const [result] = recomputeEstimates(estimates(formula));
    expect(result!.ok).toBe(false);
    expect(result!.error).toMatch(/holds several statements/);
    // The same chain on one line per definition (a multi-line formula) is refused the same way.
    expect(errorFor(exponentialFormula(18, '\n'))).toMatch(/holds several statements/);
    // And the longer chain is refused by its length before it is even parsed.
    expect(errorFor(exponentialFormula(40))).toMatch(/characters long; the limit is 500/);
  });

  it('reports the refusal as a pack issue at the figure’s path, and the pack is not accepted', () => {
    const loaded = loadPackFolder(BUILTIN);
    const pack = structuredClone(loaded.pack!);
    const problem = pack.problems.find((p) => p.id === 'url-shortener')!;
    problem.estimates.derived[0]!.formula = exponentialFormula(18);
    const { pack: valid, issues } = validatePack(pack);
    expect(valid).toBeNull();
    const at = `problems[${pack.problems.indexOf(problem)}].estimates.derived[0].value`;
    expect(issues).toContainEqual({ path: at, message: expect.stringMatching(/holds several statements/) });
  });

  it.each([
    ['a function definition', 'f(x) = x * 2', /defines a function/],
    ['a recursive definition', 'f(n) = f(n - 1) + f(n - 1)', /defines a function/],
    ['an assignment', 'dau = 5', /assigns a value/],
    ['an assignment inside', '(x = dau) * 2', /assigns a value/],
    ['a conditional', 'dau > 1 ? dau : perUser', /conditional/],
    ['a statement list', 'dau; perUser', /several statements/],
    ['a multi-line block', 'dau\nperUser', /several statements/],
    ['a range', '1:1000000', /range/],
    ['a matrix', '[dau, perUser]', /matrix or list/],
    ['an object', '{a: dau}', /object/],
    ['a property access', 'dau.value', /property or an index/],
    ['an index', 'dau[1]', /property or an index/],
    ['a comparison chain', '1 < dau < 3', /compares values/],
    ['a comparison', 'dau < perUser', /operator "<"/],
    ['a logical operator', 'dau and perUser', /operator "and"/],
    ['the nullish operator', 'dau ?? perUser', /operator "\?\?"/],
    ['a string', '"abc"', /not a number/],
    ['an unknown function', 'zeros(1e9)', /calls "zeros", which is not an allowed function/],
    ['evaluate', 'evaluate("1+1")', /calls "evaluate", which is not an allowed function/],
  ])('refuses %s', (_what, formula, reason) => {
    const [result] = recomputeEstimates(estimates(formula));
    expect(result!.ok).toBe(false);
    expect(result!.error).toMatch(reason);
    expect(result!.error).toContain(`formula "${formula.length > 80 ? formula.slice(0, 77) : formula}`);
  });

  it('caps the length and the number of nodes', () => {
    const long = `${'1 + '.repeat(200)}1`; // 801 characters
    expect(errorFor(long)).toMatch(/801 characters long; the limit is 500/);
    // 160 digits and 159 "+": 319 nodes in 319 characters, under the length cap.
    const manyNodes = Array.from({ length: 160 }, (_, i) => String(i % 10)).join('+');
    expect(manyNodes.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(errorFor(manyNodes)).toMatch(new RegExp(`more than ${MAX_FORMULA_NODES}`));
  });

  it('evaluates numbers, names, operators, parentheses and the whitelisted functions', () => {
    const ok = (formula: string, value: number) => {
      const [r] = recomputeEstimates({
        ...estimates(formula),
        derived: [{ id: 'out', label: 'Out', formula, value, unit: 'x', sigDigits: 4 }],
      });
      expect(r!.error, formula).toBeUndefined();
      expect(r!.ok, `${formula} = ${r!.computed}`).toBe(true);
    };
    ok('dau * perUser / 86400', 2315);
    ok('-(2 ^ 10) + +1', -1023);
    ok('sqrt(16) + log(exp(1)) + log2(8) + log10(1000) + exp(0)', 12);
    ok('ceil(1.2) + floor(1.8) + round(1.5) + min(3, 4) + max(3, 4) + abs(-2) + pow(2, 3)', 22);
    ok('log(100, 10) * (3 / 3)', 2);
    ok('max(1)(2)(3) + sqrt(4)(2)', 10); // implicit multiplication, not a call of a call
  });

  it('uses the same rules with any mathjs instance', () => {
    const math = create(all!, {});
    expect(parseBoundedFormula(math, 'a + b', CONTENT_FORMULA_RULES).ok).toBe(true);
    const refused = parseBoundedFormula(math, 'f(x) = x', CONTENT_FORMULA_RULES);
    expect(refused.ok).toBe(false);
    const syntax = parseBoundedFormula(math, '2 * (3', CONTENT_FORMULA_RULES);
    expect(syntax).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot be read/) });
  });
});

describe('the scratchpad is bounded the same way', () => {
  it('refuses function definitions, conditionals and statement lists, line by line', () => {
    const lines = [
      'f(x) = f(x) + f(x)',
      'x > 1 ? 1 : 2',
      '1; 2',
      '1:1e9',
      'zeros(1e9)',
      'a = 5',
      'a[1] = 2',
      'b = (c = 2)',
      'a * 2',
    ];
    const r = evaluateScratchpad(lines.join('\n'));
    expect(r[0]!.error).toMatch(/^This line defines a function/);
    expect(r[1]!.error).toMatch(/operator ">"|conditional/);
    expect(r[2]!.error).toMatch(/several statements/);
    expect(r[3]!.error).toMatch(/range/);
    expect(r[4]!.error).toMatch(/calls "zeros"/);
    expect(r[5]).toMatchObject({ name: 'a', value: 5 }); // naming a line still works
    expect(r[6]!.error).toMatch(/assigns a value/);
    expect(r[7]!.error).toMatch(/assigns a value/);
    expect(r[8]!.value).toBe(10);
  });

  it('refuses a line longer than the cap', () => {
    expect(evaluateScratchpad(`${'1 + '.repeat(200)}1`)[0]!.error).toMatch(/the limit is 500/);
  });

  it('keeps units, conversions, percent, remainder, factorial and the listed functions', () => {
    const r = evaluateScratchpad(
      [
        'x = 100M / day to 1/s',
        'ceil(1157.4) * 2',
        '10 GB / (100 MB/s) to min',
        '50% * 10',
        '7 % 3',
        '5!',
        'sqrt(16 m^2)',
      ].join('\n'),
    );
    expect(r[0]).toMatchObject({ name: 'x', unit: '/s' });
    expect(r[0]!.value).toBeCloseTo(1157.407, 2);
    expect(r[1]!.value).toBe(2316);
    expect(r[2]!.value).toBeCloseTo(1.667, 2);
    expect(r[3]!.value).toBe(5);
    expect(r[4]!.value).toBe(1);
    expect(r[5]!.value).toBe(120);
    expect(r[6]).toMatchObject({ value: 4, unit: 'm' });
  });
});
