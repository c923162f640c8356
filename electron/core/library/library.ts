/**
 * The in-memory library: the built-in pack plus every imported pack, indexed for listing, search
 * and link resolution. Rebuilt whenever a pack is imported or removed. A pack comes in as its
 * index (the rows the library lists) and a way to get its items: the built-in pack's index is
 * written at build time beside it, so start-up lists the library without parsing the whole pack
 * (1.6 MB of JSON); its items are read the first time one is opened or searched.
 */
import type { ItemRef, LibraryItem, LibraryQuery, LinkRef } from '../../../shared/api/contract';
import type { Concept, ContentPack, Drill, Problem, Question } from '../../../shared/content/schema';
import { byText } from '../../../shared/domain/textOrder';
import { LABS } from '../../../shared/labs/catalog';

type PhaseBudgets = Problem['phaseBudgetsMin'];

/** A pack's library rows, in the order the library lists them. */
export interface PackIndex {
  packId: string;
  problems: LibraryItem[];
  concepts: LibraryItem[];
  questions: LibraryItem[];
  drills: LibraryItem[];
  /** Each problem's phase budgets: with its row, all it takes to start an interview on it. */
  phaseBudgetsMin: Record<string, PhaseBudgets>;
}

/** A pack as the library takes it: its index, and its items when first needed. */
export interface PackSource {
  index: PackIndex;
  items: () => ContentPack;
}

/** A pack already in memory (imported packs, tests). */
export function packSource(pack: ContentPack): PackSource {
  return { index: indexPack(pack), items: () => pack };
}

interface Indexed<T> {
  readonly item: T;
  packId: string;
  row: LibraryItem;
  /** Lower-cased title and all text, for search (built on the first search, not at start-up). */
  readonly haystack: string;
}

type ById = { [K in keyof Items]: Map<string, Items[K]> };
interface Items {
  problems: Problem;
  concepts: Concept;
  questions: Question;
  drills: Drill;
}

/** An entry whose item is looked up, and whose search text is gathered, when first read. */
function indexed<K extends keyof Items>(kind: K, row: LibraryItem, byId: () => ById): Indexed<Items[K]> {
  let item: Items[K] | undefined;
  let text: string | null = null;
  return {
    packId: row.packId,
    row,
    get item() {
      item ??= byId()[kind].get(row.id) as Items[K] | undefined;
      if (!item)
        throw new Error(
          `The content pack ${row.packId} has no ${row.kind} "${row.id}" though its index lists one.`,
        );
      return item;
    },
    get haystack() {
      if (text === null) {
        const parts: string[] = [];
        collectText(this.item, parts);
        text = parts.join('\n').toLowerCase();
      }
      return text;
    },
  };
}

function collectText(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectText(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectText(v, out);
}

function firstSentence(markdown: string, maxChars = 220): string {
  const plain = markdown
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  return cut.slice(0, cut.lastIndexOf(' ')) + '…';
}

const QUESTION_DIFFICULTY_ORDER = ['intermediate', 'advanced', 'distinguished'];
const PROBLEM_DIFFICULTY_ORDER = ['easy', 'medium', 'medium-hard', 'hard'];

/** The rows the library lists for a pack, in order (build-content.ts writes the built-in one). */
export function indexPack(pack: ContentPack): PackIndex {
  const packId = pack.manifest.id;
  const byDifficulty = [...pack.problems].sort(
    (a, b) =>
      PROBLEM_DIFFICULTY_ORDER.indexOf(a.difficulty) - PROBLEM_DIFFICULTY_ORDER.indexOf(b.difficulty) ||
      a.timeTargetMin - b.timeTargetMin ||
      byText(a.title, b.title),
  );
  return {
    packId,
    problems: byDifficulty.map((p) => ({
      kind: 'problem',
      id: p.id,
      title: p.title,
      summary: firstSentence(p.summary),
      difficulty: p.difficulty,
      topics: p.topics,
      timeTargetMin: p.timeTargetMin,
      group: null,
      packId,
      lastPractisedAtMs: null,
      lastScore: null,
    })),
    concepts: [...pack.concepts]
      .sort((a, b) => a.number - b.number)
      .map((c) => ({
        kind: 'concept',
        id: c.id,
        title: c.title,
        summary: firstSentence(c.summary),
        difficulty: null,
        topics: [c.category],
        timeTargetMin: null,
        group: c.category,
        packId,
        lastPractisedAtMs: null,
        lastScore: null,
      })),
    questions: pack.questions.map((q) => ({
      kind: 'question',
      id: q.id,
      title: firstSentence(q.prompt, 160),
      summary: firstSentence(q.answerPoints[0] ?? q.prompt),
      difficulty: q.difficulty,
      topics: [q.topic],
      timeTargetMin: null,
      group: q.kind,
      packId,
      lastPractisedAtMs: null,
      lastScore: null,
    })),
    drills: pack.drills.map((d) => ({
      kind: 'drill',
      id: d.id,
      title: d.title,
      summary: firstSentence(d.prompt),
      difficulty: null,
      topics: [d.kind],
      timeTargetMin: d.timeBoxMin,
      group: d.kind,
      packId,
      lastPractisedAtMs: null,
      lastScore: null,
    })),
    phaseBudgetsMin: Object.fromEntries(pack.problems.map((p) => [p.id, p.phaseBudgetsMin])),
  };
}

export class Library {
  readonly problems = new Map<string, Indexed<Problem>>();
  readonly concepts = new Map<string, Indexed<Concept>>();
  readonly questions = new Map<string, Indexed<Question>>();
  readonly drills = new Map<string, Indexed<Drill>>();
  private readonly order: Indexed<unknown>[] = [];
  private readonly budgets = new Map<string, PhaseBudgets>();

  constructor(sources: readonly PackSource[]) {
    for (const source of sources) this.add(source);
  }

  private add({ index, items }: PackSource): void {
    let byId: ById | null = null;
    const lookup = (): ById => {
      if (!byId) {
        const pack = items();
        byId = {
          problems: new Map(pack.problems.map((p) => [p.id, p])),
          concepts: new Map(pack.concepts.map((c) => [c.id, c])),
          questions: new Map(pack.questions.map((q) => [q.id, q])),
          drills: new Map(pack.drills.map((d) => [d.id, d])),
        };
      }
      return byId;
    };
    for (const kind of ['problems', 'concepts', 'questions', 'drills'] as const) {
      const map = this[kind] as Map<string, Indexed<unknown>>;
      for (const row of index[kind]) {
        // The first pack to define an id wins (the built-in pack is first), so an imported pack
        // cannot silently replace a built-in item; import refuses such collisions anyway.
        if (map.has(row.id)) continue;
        const entry = indexed(kind, row, lookup);
        map.set(row.id, entry);
        this.order.push(entry);
        const budgets = kind === 'problems' ? index.phaseBudgetsMin[row.id] : undefined;
        if (budgets) this.budgets.set(row.id, budgets);
      }
    }
  }

  /** What starting an interview on a problem shows, without loading the problem itself. */
  problemStart(
    id: string,
  ): { problemId: string; title: string; minutes: number; budgetsMin: PhaseBudgets } | null {
    const row = this.problems.get(id)?.row;
    const budgetsMin = this.budgets.get(id);
    if (!row || !budgetsMin || row.timeTargetMin === null) return null;
    return { problemId: id, title: row.title, minutes: row.timeTargetMin, budgetsMin };
  }

  knownIds() {
    return { problems: new Set(this.problems.keys()), concepts: new Set(this.concepts.keys()) };
  }

  /** `record` maps problem id → your last finished interview on it (see ScoringStore.lastByProblem). */
  list(
    query: LibraryQuery,
    record: ReadonlyMap<string, { atMs: number; weighted: number | null }> = new Map(),
  ): LibraryItem[] {
    const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const rows: { row: LibraryItem; rank: number }[] = [];
    for (const entry of this.order) {
      const { row } = entry;
      if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(row.kind)) continue;
      if (query.difficulty && row.difficulty !== query.difficulty) continue;
      if (query.topic && !row.topics.some((t) => t.toLowerCase() === query.topic!.toLowerCase())) continue;
      if (
        query.maxTimeMin !== undefined &&
        (row.timeTargetMin === null || row.timeTargetMin > query.maxTimeMin)
      ) {
        continue;
      }
      const mine = row.kind === 'problem' ? record.get(row.id) : undefined;
      if (query.practice) {
        if (row.kind !== 'problem') continue;
        if (query.practice === 'never' && mine) continue;
        if (query.practice === 'practised' && !mine) continue;
        if (query.practice === 'weak' && !(mine && mine.weighted !== null && mine.weighted < 2.75)) continue;
      }
      let rank = 0;
      if (words.length > 0) {
        const title = row.title.toLowerCase();
        if (!words.every((w) => entry.haystack.includes(w))) continue;
        // Title hits first, then by how often the words appear in the text.
        for (const w of words) {
          if (title.includes(w)) rank += 100;
          rank += Math.min(20, entry.haystack.split(w).length - 1);
        }
      }
      rows.push({
        row: mine ? { ...row, lastPractisedAtMs: mine.atMs, lastScore: mine.weighted } : row,
        rank,
      });
    }
    if (words.length > 0) rows.sort((a, b) => b.rank - a.rank);
    return rows.map((r) => r.row);
  }

  facets() {
    const topics = new Set<string>();
    const difficulties = new Set<string>();
    const timeTargets = new Set<number>();
    // From the rows (a problem's topics, difficulty and time; a concept's category; a question's
    // topic and difficulty), so the filters need no item loaded.
    for (const { row } of this.problems.values()) {
      row.topics.forEach((t) => topics.add(t));
      if (row.difficulty) difficulties.add(row.difficulty);
      if (row.timeTargetMin !== null) timeTargets.add(row.timeTargetMin);
    }
    for (const { row } of this.concepts.values()) row.topics.forEach((t) => topics.add(t));
    for (const { row } of this.questions.values()) {
      row.topics.forEach((t) => topics.add(t));
      if (row.difficulty) difficulties.add(row.difficulty);
    }
    const order = [...PROBLEM_DIFFICULTY_ORDER, ...QUESTION_DIFFICULTY_ORDER];
    return {
      topics: [...topics].sort(byText),
      difficulties: [...difficulties].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
      timeTargets: [...timeTargets].sort((a, b) => a - b),
    };
  }

  conceptRefs(ids: readonly string[]): LinkRef[] {
    return ids.flatMap((id) => {
      const c = this.concepts.get(id);
      return c ? [{ kind: 'concept' as const, id, title: c.row.title }] : [];
    });
  }

  problemRefs(ids: readonly string[]): LinkRef[] {
    return ids.flatMap((id) => {
      const p = this.problems.get(id);
      return p ? [{ kind: 'problem' as const, id, title: p.row.title }] : [];
    });
  }

  labRefs(ids: readonly string[]): LinkRef[] {
    return ids.flatMap((id) => {
      const lab = LABS.find((l) => l.id === id);
      return lab ? [{ kind: 'lab' as const, id, title: lab.title }] : [];
    });
  }

  /** Everything that links to the given item (the reverse of its own links). */
  linkedFrom(kind: 'problem' | 'concept', id: string): ItemRef[] {
    const out: ItemRef[] = [];
    const key = kind === 'problem' ? 'relatedProblems' : 'relatedConcepts';
    for (const c of this.concepts.values()) {
      const links = kind === 'problem' ? c.item.relatedProblems : [];
      if (links.includes(id)) out.push({ kind: 'concept', id: c.item.id, title: c.item.title });
    }
    for (const p of this.problems.values()) {
      const links = kind === 'concept' ? p.item.relatedConcepts : [];
      if (links.includes(id)) out.push({ kind: 'problem', id: p.item.id, title: p.item.title });
    }
    for (const q of this.questions.values()) {
      if (q.item[key].includes(id)) out.push({ kind: 'question', id: q.item.id, title: q.row.title });
    }
    for (const d of this.drills.values()) {
      if (d.item[key].includes(id)) out.push({ kind: 'drill', id: d.item.id, title: d.item.title });
    }
    return out;
  }
}
