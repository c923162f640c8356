/**
 * Validates a content pack beyond its shape: unique ids, links that resolve, phase budgets that sum
 * to the time target, and estimates whose derived figures really follow from their formulas.
 * Every problem is reported with a path a person can follow to the field (file-relative where the
 * loader knows the file).
 */
import {
  absDependencies,
  addDependencies,
  ceilDependencies,
  create,
  divideDependencies,
  evaluateDependencies,
  expDependencies,
  floorDependencies,
  log10Dependencies,
  log2Dependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  powDependencies,
  roundDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  type FactoryFunctionMap,
} from 'mathjs';
import type { z } from 'zod';
import { CONTENT_FORMULA_RULES, parseBoundedFormula } from '../domain/formula';
import { LAB_IDS } from '../labs/catalog';
import { ContentPack, FollowUp, PHASE_IDS, type Estimates as EstimatesSchema, type Problem } from './schema';

/**
 * A small mathjs instance with only what estimate formulas may use (CONTENT_FORMULA_RULES): loading
 * all of mathjs costs about a second at start-up, and the back end validates packs on every launch.
 * Formulas are checked against those rules before they run (shared/domain/formula.ts).
 */
// The *Dependencies exports are typed as optional; each exists in this mathjs version.
const math = create({
  evaluateDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  absDependencies,
  sqrtDependencies,
  logDependencies,
  log2Dependencies,
  log10Dependencies,
  expDependencies,
  ceilDependencies,
  floorDependencies,
  roundDependencies,
  minDependencies,
  maxDependencies,
} as FactoryFunctionMap);

export interface ContentIssue {
  /** The file the item came from, when known (built-in packs are split into files). */
  file?: string;
  /** Dotted path to the field, e.g. `problems[0].estimates.derived[2].value`. */
  path: string;
  message: string;
}

export type Estimates = z.infer<typeof EstimatesSchema>;

/** Round to `digits` significant digits (0 stays 0). */
export function roundSig(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

export interface RecomputedFigure {
  id: string;
  computed: number;
  stated: number;
  sigDigits: number;
  ok: boolean;
  error?: string;
}

/**
 * Recomputes each derived figure from the assumptions (and earlier derived figures) and compares
 * it with the stated value at the stated rounding. A figure whose formula refers to an unknown name
 * or does not evaluate to a number is reported, not thrown.
 */
export function recomputeEstimates(estimates: Estimates): RecomputedFigure[] {
  const scope = new Map<string, number>();
  for (const a of estimates.assumptions) scope.set(a.id, a.value);
  const results: RecomputedFigure[] = [];
  for (const d of estimates.derived) {
    let computed = Number.NaN;
    let error: string | undefined;
    const quoted = `formula "${d.formula.length > 80 ? `${d.formula.slice(0, 77)}…` : d.formula}"`;
    const parsed = parseBoundedFormula(math, d.formula, CONTENT_FORMULA_RULES);
    if (!parsed.ok) {
      error = `${quoted} ${parsed.error}`;
    } else {
      try {
        // Evaluate the very tree that was checked, not the text again.
        const out: unknown = parsed.node.compile().evaluate(new Map(scope));
        if (typeof out === 'number') computed = out;
        else error = `${quoted} does not give a plain number`;
      } catch (e) {
        error = `${quoted} cannot be evaluated: ${(e as Error).message}`;
      }
    }
    // Compare at the stated precision; relative epsilon absorbs binary floating-point noise.
    const rounded = roundSig(computed, d.sigDigits);
    const ok =
      error === undefined &&
      Number.isFinite(computed) &&
      Math.abs(rounded - d.value) <= Math.abs(d.value) * 1e-9 + 1e-12;
    results.push({
      id: d.id,
      computed,
      stated: d.value,
      sigDigits: d.sigDigits,
      ok,
      ...(error ? { error } : {}),
    });
    if (Number.isFinite(computed)) scope.set(d.id, computed);
  }
  return results;
}

function checkEstimates(estimates: Estimates, base: string, issues: ContentIssue[]): void {
  const names = new Set<string>();
  for (const [i, a] of estimates.assumptions.entries()) {
    if (names.has(a.id))
      issues.push({ path: `${base}.assumptions[${i}].id`, message: `duplicate name "${a.id}"` });
    names.add(a.id);
  }
  for (const [i, d] of estimates.derived.entries()) {
    if (names.has(d.id))
      issues.push({ path: `${base}.derived[${i}].id`, message: `duplicate name "${d.id}"` });
    names.add(d.id);
  }
  for (const [i, r] of recomputeEstimates(estimates).entries()) {
    if (r.ok) continue;
    issues.push({
      path: `${base}.derived[${i}].value`,
      message:
        r.error ??
        `stated ${r.stated} but the formula gives ${r.computed} (${roundSig(r.computed, r.sigDigits)} at ${r.sigDigits} significant digits)`,
    });
  }
}

function checkProblem(p: Problem, base: string, issues: ContentIssue[]): void {
  const sum = PHASE_IDS.reduce((acc, phase) => acc + p.phaseBudgetsMin[phase], 0);
  if (sum !== p.timeTargetMin) {
    issues.push({
      path: `${base}.phaseBudgetsMin`,
      message: `phase budgets add up to ${sum} min but the time target is ${p.timeTargetMin} min`,
    });
  }
  checkEstimates(p.estimates, `${base}.estimates`, issues);
}

/**
 * A problem's board expectations must hold together: component ids unique, flows and anti-patterns
 * naming components that exist, each component tied to a component the reference design names (a
 * client or an outside provider may go without), links to concepts and labs that exist.
 */
function checkBoardExpectations(
  p: Problem,
  base: string,
  concepts: ReadonlySet<string>,
  issues: ContentIssue[],
): void {
  const board = p.board;
  if (!board) return;
  const at = `${base}.board`;
  const refNames = new Set(p.referenceDesign.components.map((c) => c.name.trim().toLowerCase()));
  const ids = new Set<string>();
  const checkLink = (path: string, link: string | undefined) => {
    if (!link) return;
    const [kind, linked] = link.split(':') as ['concept' | 'lab', string];
    const known = kind === 'concept' ? concepts.has(linked) : LAB_IDS.has(linked);
    if (!known) issues.push({ path, message: `links to unknown ${kind} "${linked}"` });
  };
  board.components.forEach((c, i) => {
    const path = `${at}.components[${i}]`;
    if (ids.has(c.id)) issues.push({ path: `${path}.id`, message: `duplicate component id "${c.id}"` });
    ids.add(c.id);
    const kinds = Array.isArray(c.kind) ? c.kind : [c.kind];
    if (c.ref === undefined) {
      if (!kinds.every((k) => k === 'client' || k === 'external'))
        issues.push({
          path: `${path}.ref`,
          message: 'is missing: name the reference design component this stands for',
        });
    } else if (!refNames.has(c.ref.trim().toLowerCase())) {
      issues.push({
        path: `${path}.ref`,
        message: `"${c.ref}" is not a component of the reference design (referenceDesign.components[].name)`,
      });
    }
    checkLink(`${path}.learn`, c.learn);
  });
  if (!board.components.some((c) => !c.optional))
    issues.push({ path: `${at}.components`, message: 'needs at least one component that is not optional' });
  board.flows.forEach((f, i) => {
    f.path.forEach((step, j) => {
      if (!ids.has(step))
        issues.push({ path: `${at}.flows[${i}].path[${j}]`, message: `names no component "${step}"` });
    });
    checkLink(`${at}.flows[${i}].learn`, f.learn);
  });
  board.antiPatterns.forEach((a, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!ids.has(a[end]))
        issues.push({ path: `${at}.antiPatterns[${i}].${end}`, message: `names no component "${a[end]}"` });
    }
    checkLink(`${at}.antiPatterns[${i}].learn`, a.learn);
  });
}

/** Zod's wording, made plainer for a person fixing a file by hand. */
export function friendlyMessage(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing) return `is missing (should be ${missing[1] === 'array' ? 'a list' : `a ${missing[1]}`})`;
  return message
    .replace(/^Invalid input: expected (\w+), received (\w+)$/, 'should be a $1, not a $2')
    .replace(/^Invalid option: expected one of (.*)$/, 'must be one of $1');
}

export interface KnownIds {
  problems: ReadonlySet<string>;
  concepts: ReadonlySet<string>;
}

export { formatPath } from './paths';
import { formatPath } from './paths';

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Counts follow-ups, in problems, concept questions and questions, that do not carry the 2–5
 * expected points a drill reveals (a bare string, or an object with too few or too many points).
 * Works on the raw input, so it reports a number even when the pack as a whole does not parse.
 */
export function countFollowUpsWithoutAnswers(input: unknown): number {
  const lists = [
    ...asArray(field(input, 'problems')).map((p) => field(p, 'followUps')),
    ...asArray(field(input, 'concepts')).flatMap((c) =>
      asArray(field(c, 'questions')).map((q) => field(q, 'followUps')),
    ),
    ...asArray(field(input, 'questions')).map((q) => field(q, 'followUps')),
  ];
  return lists.reduce<number>(
    (n, list) => n + asArray(list).filter((f) => !FollowUp.safeParse(f).success).length,
    0,
  );
}

/**
 * Marks an author leaves for themselves ("⚠ Rate discrepancy: the notes quote…"). Every text field
 * of a problem, concept, question or drill is shown to users, so none may carry one.
 */
const AUTHORING_MARK = /\u26A0/u;

/** Reports every string under `value` that carries an authoring mark, with its path. */
function checkNoAuthoringMarks(value: unknown, path: string, issues: ContentIssue[]): void {
  if (typeof value === 'string') {
    if (AUTHORING_MARK.test(value))
      issues.push({
        path,
        message:
          'contains "⚠", an authoring note: say it to the reader plainly, without the mark, or remove it',
      });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoAuthoringMarks(v, `${path}[${i}]`, issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNoAuthoringMarks(v, `${path}.${k}`, issues);
  }
}

/**
 * Parses and checks a whole pack. `external` holds ids installed by other packs, so a user pack may
 * link to built-in items. Returns the parsed pack only when there are no issues at all.
 */
export function validatePack(
  input: unknown,
  external: KnownIds = { problems: new Set(), concepts: new Set() },
): { pack: ContentPack | null; issues: ContentIssue[] } {
  const parsed = ContentPack.safeParse(input);
  if (!parsed.success) {
    return {
      pack: null,
      issues: parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message: friendlyMessage(i.message),
      })),
    };
  }
  const pack = parsed.data;
  const issues: ContentIssue[] = [];
  const problemIds = new Set(external.problems);
  const conceptIds = new Set(external.concepts);
  const seen = new Map<string, string>();
  const claim = (kind: string, itemId: string, path: string) => {
    const key = `${kind}:${itemId}`;
    const prev = seen.get(key);
    if (prev) issues.push({ path, message: `duplicate ${kind} id "${itemId}" (also at ${prev})` });
    else seen.set(key, path);
  };
  pack.problems.forEach((p, i) => {
    claim('problem', p.id, `problems[${i}]`);
    problemIds.add(p.id);
  });
  pack.concepts.forEach((c, i) => {
    claim('concept', c.id, `concepts[${i}]`);
    conceptIds.add(c.id);
    c.questions.forEach((q, j) => claim('concept question', q.id, `concepts[${i}].questions[${j}]`));
  });
  pack.questions.forEach((q, i) => claim('question', q.id, `questions[${i}]`));
  pack.drills.forEach((d, i) => claim('drill', d.id, `drills[${i}]`));

  const checkLinks = (base: string, kind: 'concept' | 'problem' | 'lab', ids: readonly string[]) => {
    const known = kind === 'concept' ? conceptIds : kind === 'problem' ? problemIds : LAB_IDS;
    ids.forEach((linked, i) => {
      if (!known.has(linked))
        issues.push({ path: `${base}[${i}]`, message: `links to unknown ${kind} "${linked}"` });
    });
  };

  pack.problems.forEach((p, i) => {
    const base = `problems[${i}]`;
    checkProblem(p, base, issues);
    checkLinks(`${base}.relatedConcepts`, 'concept', p.relatedConcepts);
    checkLinks(`${base}.relatedLabs`, 'lab', p.relatedLabs);
    checkBoardExpectations(p, base, conceptIds, issues);
  });
  pack.concepts.forEach((c, i) => {
    const base = `concepts[${i}]`;
    checkLinks(`${base}.relatedLabs`, 'lab', c.relatedLabs);
    checkLinks(`${base}.relatedProblems`, 'problem', c.relatedProblems);
  });
  pack.questions.forEach((q, i) => {
    const base = `questions[${i}]`;
    checkLinks(`${base}.relatedConcepts`, 'concept', q.relatedConcepts);
    checkLinks(`${base}.relatedProblems`, 'problem', q.relatedProblems);
    if (q.kind === 'behavioural' && (!q.star || !q.assesses)) {
      issues.push({ path: base, message: 'a behavioural question needs "star" guidance and "assesses"' });
    }
  });
  pack.drills.forEach((d, i) => {
    const base = `drills[${i}]`;
    if (d.estimates) checkEstimates(d.estimates, `${base}.estimates`, issues);
    checkLinks(`${base}.relatedConcepts`, 'concept', d.relatedConcepts);
    checkLinks(`${base}.relatedProblems`, 'problem', d.relatedProblems);
  });
  checkNoAuthoringMarks(pack.manifest, 'manifest', issues);
  for (const kind of ['problems', 'concepts', 'questions', 'drills'] as const)
    pack[kind].forEach((item, i) => checkNoAuthoringMarks(item, `${kind}[${i}]`, issues));
  return { pack: issues.length === 0 ? pack : null, issues };
}
