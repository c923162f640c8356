/**
 * The cards: every concept question, library question (architecture, distributed, deep-dive,
 * scenario, behavioural) and warm-up drill, built-in or imported. A card's id is made of its content
 * ids only (never a pack's row or position), so re-importing a pack keeps each card's history.
 */
import type { FollowUp } from '../../../shared/content/schema';
import type { Library } from '../library/library';
import { byText } from '../../../shared/domain/textOrder';

export interface CardContent {
  id: string;
  deckId: string;
  deckTitle: string;
  topic: string;
  prompt: string;
  points: string[];
  followUps: FollowUp[];
  minutes: number;
  source: { kind: 'concept' | 'question' | 'drill'; id: string; title: string };
  /** Position in the library: new cards are introduced in this order. */
  order: number;
}

export interface Catalog {
  cards: CardContent[];
  byId: Map<string, CardContent>;
  /** Deck id → title, kind decks in library order. */
  decks: Map<string, string>;
  topics: Map<string, string>;
  /**
   * For fast counting: every deck (kind decks, then topics) has a slot; `cardSlots[2i]` and
   * `cardSlots[2i + 1]` are card i's kind-deck and topic slots, and `totals` its cards per slot.
   */
  slotIds: string[];
  cardSlots: Int32Array;
  totals: Int32Array;
}

/** Slots, card slots and totals for a list of cards (see Catalog). */
export function indexCatalog(
  cards: readonly CardContent[],
  decks: ReadonlyMap<string, string>,
  topics: ReadonlyMap<string, string>,
): Pick<Catalog, 'slotIds' | 'cardSlots' | 'totals'> {
  const slotIds = [...decks.keys(), ...topics.keys()];
  const slot = new Map(slotIds.map((id, i) => [id, i]));
  const cardSlots = new Int32Array(cards.length * 2);
  const totals = new Int32Array(slotIds.length);
  cards.forEach((c, i) => {
    const a = slot.get(c.deckId)!;
    const b = slot.get(`topic:${c.topic}`)!;
    cardSlots[2 * i] = a;
    cardSlots[2 * i + 1] = b;
    totals[a]!++;
    totals[b]!++;
  });
  return { slotIds, cardSlots, totals };
}

export const DECK_TITLES: Record<string, string> = {
  concept: 'Concepts',
  architecture: 'Architecture',
  distributed: 'Distributed systems',
  'deep-dive': 'Deep dives',
  scenario: 'Scenarios',
  behavioural: 'Behavioural',
  drill: 'Warm-up drills',
};

/** The 2-minute answer the library's question pages time. */
export const ANSWER_MINUTES = 2;

export function cardId(kind: 'concept' | 'question' | 'drill', id: string, sub?: string): string {
  return sub === undefined ? `${kind}:${id}` : `${kind}:${id}:${sub}`;
}

const catalogs = new WeakMap<Library, Catalog>();

/** The library's cards, built once per library (it is rebuilt when packs change). */
export function catalogOf(library: Library): Catalog {
  const cached = catalogs.get(library);
  if (cached) return cached;
  const cards: CardContent[] = [];
  const push = (c: Omit<CardContent, 'order' | 'deckTitle'>) =>
    cards.push({ ...c, deckTitle: DECK_TITLES[c.deckId.slice(5)] ?? c.deckId, order: cards.length });
  for (const { item: c } of library.concepts.values()) {
    for (const q of c.questions) {
      push({
        id: cardId('concept', c.id, q.id),
        deckId: 'kind:concept',
        topic: c.category,
        prompt: q.question,
        points: q.answerPoints,
        followUps: q.followUps,
        minutes: ANSWER_MINUTES,
        source: { kind: 'concept', id: c.id, title: c.title },
      });
    }
  }
  for (const { item: q, row } of library.questions.values()) {
    push({
      id: cardId('question', q.id),
      deckId: `kind:${q.kind}`,
      topic: q.topic,
      prompt: q.prompt,
      points: q.answerPoints,
      followUps: q.followUps,
      minutes: ANSWER_MINUTES,
      source: { kind: 'question', id: q.id, title: row.title },
    });
  }
  for (const { item: d } of library.drills.values()) {
    push({
      id: cardId('drill', d.id),
      deckId: 'kind:drill',
      topic: `${d.kind.replace('-', ' ')} drills`,
      prompt: d.prompt,
      points: d.referencePoints,
      followUps: [],
      minutes: d.timeBoxMin,
      source: { kind: 'drill', id: d.id, title: d.title },
    });
  }
  const decks = new Map<string, string>();
  for (const key of Object.keys(DECK_TITLES)) {
    if (cards.some((c) => c.deckId === `kind:${key}`)) decks.set(`kind:${key}`, DECK_TITLES[key]!);
  }
  const topics = new Map<string, string>();
  for (const c of [...cards].sort((a, b) => byText(a.topic, b.topic)))
    topics.set(`topic:${c.topic}`, c.topic);
  const catalog: Catalog = {
    cards,
    byId: new Map(cards.map((c) => [c.id, c])),
    decks,
    topics,
    ...indexCatalog(cards, decks, topics),
  };
  catalogs.set(library, catalog);
  return catalog;
}

export function inDeck(card: CardContent, deck: string | undefined): boolean {
  if (!deck) return true;
  return deck.startsWith('topic:') ? `topic:${card.topic}` === deck : card.deckId === deck;
}
