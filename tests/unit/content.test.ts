import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPack, loadPackFolder } from '../../electron/core/library/load';
import {
  countFollowUpsWithoutAnswers,
  recomputeEstimates,
  roundSig,
  validatePack,
} from '../../shared/content/validate';
import type { ContentPack } from '../../shared/content/schema';

const BUILTIN = path.resolve(import.meta.dirname, '..', '..', 'assets', 'content', 'builtin');
const loaded = loadPackFolder(BUILTIN);

function builtin(): ContentPack {
  if (!loaded.pack)
    throw new Error(loaded.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n'));
  return structuredClone(loaded.pack);
}

describe('built-in content pack', () => {
  it('validates with no issues', () => {
    expect(loaded.issues).toEqual([]);
  });

  it('has the whole study-notes coverage', () => {
    const counts = countPack(builtin());
    expect(counts.problems).toBeGreaterThanOrEqual(8);
    expect(counts.concepts).toBeGreaterThanOrEqual(20);
    expect(counts.conceptQuestions).toBeGreaterThanOrEqual(53);
    expect(counts.questions).toBeGreaterThanOrEqual(60);
    expect(counts.behavioural).toBeGreaterThanOrEqual(12);
    expect(counts.drills).toBeGreaterThanOrEqual(6);
  });

  it('recomputes every derived estimate from its formula to the stated rounding', () => {
    const pack = builtin();
    const sets = [
      ...pack.problems.map((p) => ({ owner: p.id, estimates: p.estimates })),
      ...pack.drills.flatMap((d) => (d.estimates ? [{ owner: d.id, estimates: d.estimates }] : [])),
    ];
    let checked = 0;
    for (const { owner, estimates } of sets) {
      for (const r of recomputeEstimates(estimates)) {
        expect(
          r.ok,
          `${owner}.${r.id}: stated ${r.stated}, computed ${r.computed}${r.error ? ` (${r.error})` : ''}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives every problem phase budgets that add up to its time target', () => {
    for (const p of builtin().problems) {
      const sum = Object.values(p.phaseBudgetsMin).reduce((a, b) => a + b, 0);
      expect(sum, p.id).toBe(p.timeTargetMin);
    }
  });
});

describe('estimate checking catches wrong numbers', () => {
  it('flags a derived figure that is off, with its path', () => {
    const pack = builtin();
    const problem = pack.problems.find((p) => p.id === 'url-shortener')!;
    const index = problem.estimates.derived.length - 1;
    const figure = problem.estimates.derived[index]!;
    figure.value = figure.value * 1.1 + 1; // a plausible-looking typo
    const { pack: valid, issues } = validatePack(pack);
    expect(valid).toBeNull();
    const problemIndex = pack.problems.indexOf(problem);
    expect(issues).toContainEqual(
      expect.objectContaining({ path: `problems[${problemIndex}].estimates.derived[${index}].value` }),
    );
  });

  it('flags a formula that names an unknown figure', () => {
    const result = recomputeEstimates({
      assumptions: [{ id: 'perDay', label: 'Per day', value: 100e6, unit: '/day' }],
      derived: [
        {
          id: 'perSec',
          label: 'Per second',
          formula: 'perDya / 86400',
          value: 1160,
          unit: '/s',
          sigDigits: 3,
        },
      ],
    });
    expect(result[0]!.ok).toBe(false);
    expect(result[0]!.error).toMatch(/cannot be evaluated/);
  });

  it('rounds to significant digits', () => {
    expect(roundSig(1157.407, 3)).toBe(1160);
    expect(roundSig(3.5216e12, 2)).toBe(3.5e12);
    expect(roundSig(0.012345, 2)).toBe(0.012);
    expect(roundSig(0, 3)).toBe(0);
  });
});

describe('malformed packs', () => {
  it('lists every shape error with a field path', () => {
    const { pack, issues } = validatePack({
      manifest: { schemaVersion: 1, id: 'Bad Id', name: '', version: '1', description: 'x' },
      problems: [{ id: 'p', title: 'T' }],
    });
    expect(pack).toBeNull();
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('manifest.id');
    expect(paths).toContain('manifest.name');
    expect(paths).toContain('manifest.version');
    expect(paths).toContain('problems[0].difficulty');
    expect(paths).toContain('problems[0].estimates');
    expect(issues.length).toBeGreaterThan(10);
  });

  it('refuses authoring marks (⚠) in any field a user reads, naming each field', () => {
    expect(validatePack(builtin()).issues).toEqual([]);
    const pack = structuredClone(builtin());
    pack.questions[0]!.answerPoints.push('**⚠ Rate discrepancy:** the notes quote two rates.');
    pack.problems[0]!.title = `${pack.problems[0]!.title} ⚠️`;
    pack.drills[0]!.prompt = 'Fine text';
    const { pack: refused, issues } = validatePack(pack);
    expect(refused).toBeNull();
    expect(issues.map((i) => i.path)).toEqual([
      'problems[0].title',
      `questions[0].answerPoints[${pack.questions[0]!.answerPoints.length - 1}]`,
    ]);
    expect(issues[0]!.message).toContain('authoring note');
  });

  it('refuses links to items that do not exist', () => {
    const pack = builtin();
    pack.problems[0]!.relatedConcepts.push('no-such-concept');
    pack.problems[0]!.relatedLabs.push('no-such-lab');
    const { issues } = validatePack(pack);
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'links to unknown concept "no-such-concept"',
        'links to unknown lab "no-such-lab"',
      ]),
    );
  });

  it('refuses follow-ups without expected points, with a message that says what to write', () => {
    const pack = structuredClone(builtin()) as unknown as {
      questions: { followUps: unknown[] }[];
      concepts: { questions: { followUps: unknown[] }[] }[];
      problems: { followUps: { expectedPoints: string[] }[] }[];
    };
    pack.questions[0]!.followUps[0] = 'A bare follow-up from an old pack?';
    pack.concepts[0]!.questions[0]!.followUps.push('Another bare one?');
    pack.problems[0]!.followUps[0]!.expectedPoints = ['only one point'];
    expect(countFollowUpsWithoutAnswers(pack)).toBe(3);
    const { pack: parsed, issues } = validatePack(pack);
    expect(parsed).toBeNull();
    const bare = issues.find((i) => i.path === 'questions[0].followUps[0]');
    expect(bare?.message).toMatch(/without expected points/);
    expect(bare?.message).toMatch(/"expectedPoints"/);
    expect(issues.find((i) => i.path === 'problems[0].followUps[0].expectedPoints')?.message).toBe(
      'needs 2–5 expected points',
    );
  });

  it('counts no unanswered follow-ups in the built-in pack', () => {
    expect(loaded.followUpsWithoutAnswers).toBe(0);
  });

  it('refuses duplicate ids', () => {
    const pack = builtin();
    pack.problems.push(structuredClone(pack.problems[0]!));
    const { issues } = validatePack(pack);
    expect(issues.some((i) => /duplicate problem id/.test(i.message))).toBe(true);
  });
});
