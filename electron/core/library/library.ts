/**
 * The in-memory library: the built-in pack plus every imported pack, indexed for listing, search
 * and link resolution. Rebuilt whenever a pack is imported or removed (packs are small: the whole
 * built-in pack is well under a megabyte of JSON).
 */
import type { ItemRef, LibraryItem, LibraryQuery, LinkRef } from '../../../shared/api/contract';
import type { Concept, ContentPack, Drill, Problem, Question } from '../../../shared/content/schema';
import { LABS } from '../../../shared/labs/catalog';

interface Indexed<T> {
  item: T;
  packId: string;
  row: LibraryItem;
  /** Lower-cased title and all text, for search (built on the first search, not at start-up). */
  readonly haystack: string;
}

/** An entry whose search text is gathered when a search first reads it. */
function indexed<T>(item: T, packId: string, row: LibraryItem): Indexed<T> {
  let text: string | null = null;
  return {
    item,
    packId,
    row,
    get haystack() {
      if (text === null) {
        const parts: string[] = [];
        collectText(item, parts);
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

export class Library {
  readonly problems = new Map<string, Indexed<Problem>>();
  readonly concepts = new Map<string, Indexed<Concept>>();
  readonly questions = new Map<string, Indexed<Question>>();
  readonly drills = new Map<string, Indexed<Drill>>();
  private readonly order: Indexed<unknown>[] = [];

  constructor(readonly packs: readonly ContentPack[]) {
    for (const pack of packs) this.add(pack);
  }

  private index<T>(map: Map<string, Indexed<T>>, item: T, packId: string, row: LibraryItem): void {
    // The first pack to define an id wins (the built-in pack is first), so an imported pack cannot
    // silently replace a built-in item; import refuses such collisions anyway.
    if (map.has(row.id)) return;
    const entry = indexed(item, packId, row);
    map.set(row.id, entry);
    this.order.push(entry as Indexed<unknown>);
  }

  private add(pack: ContentPack): void {
    const packId = pack.manifest.id;
    const byDifficulty = [...pack.problems].sort(
      (a, b) =>
        PROBLEM_DIFFICULTY_ORDER.indexOf(a.difficulty) - PROBLEM_DIFFICULTY_ORDER.indexOf(b.difficulty) ||
        a.timeTargetMin - b.timeTargetMin ||
        a.title.localeCompare(b.title),
    );
    for (const p of byDifficulty) {
      this.index(this.problems, p, packId, {
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
      });
    }
    for (const c of [...pack.concepts].sort((a, b) => a.number - b.number)) {
      this.index(this.concepts, c, packId, {
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
      });
    }
    for (const q of pack.questions) {
      this.index(this.questions, q, packId, {
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
      });
    }
    for (const d of pack.drills) {
      this.index(this.drills, d, packId, {
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
      });
    }
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
    for (const p of this.problems.values()) {
      p.item.topics.forEach((t) => topics.add(t));
      difficulties.add(p.item.difficulty);
      timeTargets.add(p.item.timeTargetMin);
    }
    for (const c of this.concepts.values()) topics.add(c.item.category);
    for (const q of this.questions.values()) {
      topics.add(q.item.topic);
      difficulties.add(q.item.difficulty);
    }
    const order = [...PROBLEM_DIFFICULTY_ORDER, ...QUESTION_DIFFICULTY_ORDER];
    return {
      topics: [...topics].sort((a, b) => a.localeCompare(b)),
      difficulties: [...difficulties].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
      timeTargets: [...timeTargets].sort((a, b) => a - b),
    };
  }

  conceptRefs(ids: readonly string[]): LinkRef[] {
    return ids.flatMap((id) => {
      const c = this.concepts.get(id);
      return c ? [{ kind: 'concept' as const, id, title: c.item.title }] : [];
    });
  }

  problemRefs(ids: readonly string[]): LinkRef[] {
    return ids.flatMap((id) => {
      const p = this.problems.get(id);
      return p ? [{ kind: 'problem' as const, id, title: p.item.title }] : [];
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
