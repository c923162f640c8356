import { describe, expect, it } from 'vitest';
import { classify, compareEstimates, keyFigureIds, meaningWords } from '../../shared/domain/compare';
import { evaluateScratchpad } from '../../shared/domain/scratchpad';
import { builtin } from '../helpers/backend';

/** A real problem's figures against lines as typed in the scratchpad. */
function compareWith(problemId: string, scratchpad: string) {
  const p = builtin().problems.find((x) => x.id === problemId)!;
  const derived = p.estimates.derived;
  const lines = evaluateScratchpad(scratchpad).filter((l) => l.value !== undefined && !l.error);
  const rows = compareEstimates(
    derived.map((d) => ({ id: d.id, label: d.label, value: d.value, unit: d.unit })),
    lines.map((l) => ({ line: l.line, label: l.input, value: l.value!, unit: l.unit, name: l.name })),
    keyFigureIds(derived, p.strongAnswerChecklist),
  );
  const byId = (id: string) => rows.find((r) => r.reference.id === id)!;
  return { rows, byId };
}

describe('estimate comparison', () => {
  it('classifies free-text and scratchpad units', () => {
    expect(classify('TB')).toEqual({ dimension: 'bytes', scale: 1e12 });
    expect(classify('GB')).toEqual({ dimension: 'bytes', scale: 1e9 });
    expect(classify('writes/s')).toMatchObject({ dimension: 'per-second' });
    expect(classify('/s')).toMatchObject({ dimension: 'per-second' });
    expect(classify('URLs/day')).toMatchObject({ dimension: 'per-day' });
    expect(classify('keys')).toMatchObject({ dimension: 'count' });
    expect(classify('billion/day')).toEqual({ dimension: 'per-day', scale: 1e9 });
    expect(classify('trillion keys')).toEqual({ dimension: 'count', scale: 1e12 });
  });

  it('never judges peak creates against the average line: peak is "not computed"', () => {
    const { byId } = compareWith('url-shortener', 'creates = 100M / day to /s');
    expect(byId('writesPerSec')).toMatchObject({
      verdict: 'close',
      yours: { line: 1 },
      matchedBy: 'meaning',
    });
    expect(byId('peakWritesPerSec')).toMatchObject({ verdict: 'not-computed', yours: null, ratio: null });
    expect(byId('peakReadsPerSec')).toMatchObject({ verdict: 'not-computed' });
  });

  it('pairs each line with at most one figure, by meaning: peak with peak, redirects with reads', () => {
    const { rows, byId } = compareWith(
      'url-shortener',
      ['writes = 100M / day to /s', 'peak_writes = writes * 2', 'redirects = writes * 100'].join('\n'),
    );
    expect(byId('writesPerSec')).toMatchObject({ verdict: 'close', yours: { line: 1 } });
    expect(byId('peakWritesPerSec')).toMatchObject({ verdict: 'within-2x', yours: { line: 2 } });
    expect(byId('peakWritesPerSec').ratio).toBeCloseTo(2315 / 3500, 2);
    expect(byId('readsPerSec')).toMatchObject({ verdict: 'close', yours: { line: 3 } });
    const used = rows.flatMap((r) => (r.yours ? [r.yours.line] : []));
    expect(new Set(used).size).toBe(used.length);
    expect(used.sort()).toEqual([1, 2, 3]);
  });

  it('matches a line with no words only by a value within 15% of a figure of the same kind', () => {
    const { rows, byId } = compareWith('url-shortener', '100M / day to 1/s\n182.5e9 * 600 B to TB\n7 GB');
    expect(byId('writesPerSec')).toMatchObject({ verdict: 'close', matchedBy: 'value' });
    expect(byId('storageTB')).toMatchObject({ verdict: 'close', matchedBy: 'value' });
    // 7 GB is near no figure: it is left unmatched rather than called "off" against the cache.
    expect(byId('cacheGB')).toMatchObject({ verdict: 'not-computed' });
    expect(rows.some((r) => r.yours?.line === 3)).toBe(false);
  });

  it('calls a wrong figure "off" only when the line says it computed that figure', () => {
    // Named for the floor, it is judged against the floor (12 GB), not the nearer 70 GB cache figure.
    const { byId } = compareWith('url-shortener', 'cache_floor = 100M * 0.2 * 600 B * 4 to GB');
    expect(byId('cacheGB')).toMatchObject({ verdict: 'off', yours: { line: 1 } });
    expect(byId('cacheGB').ratio).toBeCloseTo(4);
  });

  it('puts the key figures first: those the strong answer quotes', () => {
    const { rows } = compareWith('url-shortener', '');
    const keys = rows.filter((r) => r.key).map((r) => r.reference.id);
    expect(keys).toEqual(['writesPerSec', 'readsPerSec', 'storageTB', 'keyspace', 'cacheGB', 'cacheFor95GB']);
    expect(rows.slice(0, keys.length).every((r) => r.key)).toBe(true);
    expect(rows.every((r) => r.verdict === 'not-computed')).toBe(true);
  });

  it('finds key figures in every built-in problem, and a figure you computed comes right after them', () => {
    for (const p of builtin().problems) {
      const keys = keyFigureIds(p.estimates.derived, p.strongAnswerChecklist);
      expect(keys.size, p.id).toBeGreaterThan(0);
      expect(keys.size, p.id).toBeLessThanOrEqual(6);
    }
    const { rows } = compareWith('url-shortener', 'peak_redirects = 116K/s * 3');
    const firstNonKey = rows.find((r) => !r.key)!;
    expect(firstNonKey).toMatchObject({ reference: { id: 'peakReadsPerSec' }, verdict: 'close' });
  });

  it('reads meaning from labels, camelCase ids and named lines, without units or numbers', () => {
    expect([...meaningWords('peakWritesPerSec')]).toEqual(['peak', 'write']);
    expect([...meaningWords('Average redirects')]).toEqual(['average', 'read']);
    expect([...meaningWords('peak_creates')]).toEqual(['peak', 'write']);
    expect([...meaningWords('GB')]).toEqual([]);
  });
});
