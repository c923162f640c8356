/**
 * Pins the corrections from the second content review (issue 14, "Fix" 1–6), so a later edit cannot
 * quietly bring back a wrong figure or a file that contradicts itself. Figures are read from the
 * estimates (which `content:check` recomputes); statements are checked in the text that shows them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../electron/core/library/load';
import { recomputeEstimates } from '../../shared/content/validate';
import type { Problem } from '../../shared/content/schema';

const loaded = loadPackFolder(path.resolve(import.meta.dirname, '..', '..', 'assets', 'content', 'builtin'));
const pack = loaded.pack!;
const problem = (id: string): Problem => {
  const p = pack.problems.find((x) => x.id === id);
  if (!p) throw new Error(`no problem ${id}`);
  return p;
};
/** The stated value of a derived figure, after checking that it recomputes. */
function figure(p: Problem, id: string): number {
  const r = recomputeEstimates(p.estimates).find((x) => x.id === id);
  expect(r, `${p.id}: derived figure ${id}`).toBeDefined();
  expect(r!.ok, `${p.id}: ${id} recomputes`).toBe(true);
  return r!.stated;
}
const all = (value: unknown): string => JSON.stringify(value);

describe('content fixes', () => {
  it('never points the reader at "the notes" the content was written from (the reader has no such notes)', () => {
    const text = all(pack);
    expect(text.match(/.{0,40}\bthe notes\b.{0,40}/gi) ?? []).toEqual([]);
  });

  it('loads the built-in pack', () => {
    expect(loaded.issues).toEqual([]);
  });

  it('1. news feed: Redis memory counts sorted-set encoding, and feeds are capped to stay compact', () => {
    const p = problem('news-feed');
    expect(p.estimates.assumptions.find((a) => a.id === 'compactLimit')?.value).toBe(128);
    expect(figure(p, 'skiplistFeedCacheTB')).toBe(25);
    expect(figure(p, 'skiplistFeedCacheWithReplicaTB')).toBe(50);
    expect(figure(p, 'compactFeedCacheWithReplicaTB')).toBe(2.7);
    const decision = p.keyDecisions.find((k) => k.decision === 'What the feed cache holds')!;
    expect(decision.choice).toMatch(/128/);
    expect(p.referenceDesign.dataModel.find((d) => d.name.includes('feed'))?.fields ?? all(p)).toMatch(
      /max 128/,
    );
    expect(all(p.gotchas)).toMatch(/25 TB per copy/);
    // The old claim that 500M feeds fit in ~2 TB must not come back as the cache size.
    expect(all(p.referenceDesign)).not.toMatch(/~2 TB of raw IDs/);
  });

  it('2. rate limiter: Lua checks are planned at script throughput, which sets the number of primaries', () => {
    const p = problem('rate-limiter');
    expect(p.estimates.assumptions.find((a) => a.id === 'scriptChecksPerSec')!.value).toBeLessThan(
      p.estimates.assumptions.find((a) => a.id === 'redisOpsPerSec')!.value,
    );
    expect(figure(p, 'primariesNeeded')).toBe(8);
    expect(figure(p, 'primaryUtilisation')).toBeLessThanOrEqual(60);
    expect(all(p.referenceDesign.components)).toMatch(/8 primaries/);
    expect(all(p)).not.toMatch(/(?<![.\d])3 primaries/);
  });

  it('3. sliding window counter: ~1% only for even traffic; an adversary gets ~1.5× in half a window', () => {
    const p = problem('rate-limiter');
    expect(figure(p, 'adversarialAtHalf')).toBe(150);
    expect(figure(p, 'adversarialCeiling')).toBe(200);
    const algorithms = p.deepDives.find((d) => d.title === 'Choosing the algorithm')!;
    expect(algorithms.body).toMatch(/adversarial/i);
    expect(algorithms.body).toMatch(/1\.5×/);
    const concept = pack.concepts.find((c) => c.id === 'cache-failure-modes')!;
    const q = concept.questions.find((x) => x.id === 'cf-rate-limiter')!;
    expect(q.answerPoints.join(' ')).toMatch(/1\.5×/);
    expect(q.deepDive).toMatch(/1\.5×/);
    expect(all(concept.corrections)).toMatch(/evenly spread/);
  });

  it('4. consensus: a commit is a few ms in one zone; 10–50 ms is the cross-zone or cross-region figure', () => {
    const q = pack.questions.find((x) => x.id === 'ds-consensus')!;
    const cost = q.answerPoints.find((a) => /Cost/.test(a))!;
    expect(cost).toMatch(/in one zone/);
    expect(cost).toMatch(/a few milliseconds/);
    expect(cost).toMatch(/10–50 ms.*cross-zone\/cross-region/);
  });

  it('5. event pipeline: the durability promise matches the ack, and the worker order matches the deep dive', () => {
    const p = problem('event-pipeline');
    const durability = p.nonFunctionalRequirements.join(' ');
    expect(durability).not.toMatch(/No loss of an acknowledged event/);
    expect(durability).toMatch(/one host's disk/);
    const step = p.referenceDesign.dataFlow.find((s) => s.startsWith('5.'))!;
    // Publish first, then store the id with the output offset, then commit.
    expect(step.indexOf('publish')).toBeLessThan(step.indexOf('write the id'));
    expect(step).toMatch(/output offset/);
    const recovery = p.deepDives.find((d) => d.title === 'Crash recovery and the commit point')!;
    expect(recovery.body).toMatch(/never a loss/);
    // The additions: a global per-destination limit, the lane rule, JobDB write rates, identity resolution.
    expect(p.deepDives.some((d) => /global rate limit/.test(d.title))).toBe(true);
    expect(all(p.referenceDesign.components)).toMatch(/hash\(`sourceId`, `destinationId`\)/);
    expect(figure(p, 'rowsPerJob')).toBe(4.03);
    expect(figure(p, 'rowsPerSecPerDb')).toBe(5370);
    const identity = p.referenceDesign.components.find((c) => c.name === 'Identity resolution');
    expect(identity?.tech).toMatch(/DynamoDB|Cassandra/);
  });

  it('6. url shortener: 12 GB is a floor; store sized in nodes and money; edge, observability, bots, aliases', () => {
    const p = problem('url-shortener');
    expect(figure(p, 'cacheGB')).toBe(12);
    expect(p.estimates.derived.find((d) => d.id === 'cacheGB')!.label).toMatch(/floor/i);
    expect(figure(p, 'cacheFor95GB')).toBe(70);
    expect(figure(p, 'kvNodes')).toBe(83);
    expect(figure(p, 'kvMonthlyCostK')).toBeCloseTo(99.6);
    const titles = p.deepDives.map((d) => d.title);
    expect(titles).toContain('Serving redirects from the edge');
    expect(titles).toContain('What to watch in production');
    const watch = p.deepDives.find((d) => d.title === 'What to watch in production')!.body;
    for (const signal of ['Redirect SLO', 'hit ratio', '404 rate', 'Key-pool depth'])
      expect(watch).toMatch(signal);
    const clicks = p.deepDives.find((d) => d.title === 'Counting clicks honestly')!.body;
    expect(clicks).toMatch(/unfurler/);
    expect(clicks).toMatch(/HyperLogLog/);
    expect(
      p.failureScenarios.some((f) => /alias equals a key still unused in the KGS pool/.test(f.scenario)),
    ).toBe(true);
  });

  it('the autoscaling scenario keeps its notification cause: provider 429s and worker connections', () => {
    const q = pack.questions.find((x) => x.id === 'sc-autoscaling-worse')!;
    const points = q.answerPoints.join(' ');
    expect(points).toMatch(/429/);
    expect(points).toMatch(/20K\/s come back as 429/);
    expect(points).toMatch(/\*\*1,200\*\*/);
    expect(points).toMatch(/500 ÷ 20 = \*\*25 workers\*\*/);
  });

  it('adds the staff-level questions with common mistakes, and the identity concept with an agents question', () => {
    for (const id of [
      'staff-payments-ten-years',
      'staff-rewrite-vs-refactor',
      'staff-migration-nobody-owns',
    ]) {
      const q = pack.questions.find((x) => x.id === id);
      expect(q?.difficulty, id).toBe('distinguished');
      expect(q?.commonMistakes?.length, id).toBeGreaterThanOrEqual(2);
    }
    const concept = pack.concepts.find((c) => c.id === 'identity-auth')!;
    expect(concept.number).toBe(20);
    expect(concept.questions.map((q) => q.id)).toContain('idauth-ai-agents');
    expect(
      pack.questions.filter((q) => q.topic === 'Why the design matters to the business').length,
    ).toBeGreaterThanOrEqual(3);
  });
});
