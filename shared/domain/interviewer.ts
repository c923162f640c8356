/**
 * The offline interviewer: matches a typed clarifying question to the problem's authored questions.
 * Each authored question has several phrasings; a typed question is scored against every phrasing
 * by weighted word overlap (rarer words weigh more), with light stemming and synonyms so "expire",
 * "expiration" and "TTL" meet. Below a threshold the interviewer hands the decision back.
 */
import type { z } from 'zod';
import type { ClarifyingQuestion, PhaseId, Problem } from '../content/schema';

type Clarifying = z.infer<typeof ClarifyingQuestion>;

const STOP = new Set(
  'a an the is are was were be been do does did should would could can will shall may might must we you i our your it its this that these those of to in on for at by with from as and or but if then so what which who whom how when where why there here any some all each every need needs want wants have has had about into than too very just also please tell me us let lets assume assuming'.split(
    ' ',
  ),
);

/** Words that mean the same thing in an interview about systems. */
const SYNONYMS: Record<string, string> = {
  expire: 'expir',
  expiry: 'expir',
  expiration: 'expir',
  expires: 'expir',
  expiring: 'expir',
  ttl: 'expir',
  lifetime: 'expir',
  users: 'user',
  dau: 'user',
  mau: 'user',
  qps: 'traffic',
  rps: 'traffic',
  throughput: 'traffic',
  load: 'traffic',
  requests: 'traffic',
  request: 'traffic',
  scale: 'traffic',
  big: 'traffic',
  many: 'traffic',
  volume: 'traffic',
  latency: 'fast',
  slow: 'fast',
  quick: 'fast',
  speed: 'fast',
  uptime: 'avail',
  availability: 'avail',
  available: 'avail',
  downtime: 'avail',
  sla: 'avail',
  custom: 'alias',
  vanity: 'alias',
  aliases: 'alias',
  analytics: 'stat',
  stats: 'stat',
  statistics: 'stat',
  metrics: 'stat',
  clicks: 'stat',
  tracking: 'stat',
  url: 'link',
  urls: 'link',
  links: 'link',
  redirect: 'redir',
  redirects: 'redir',
  redirection: 'redir',
  consistent: 'consist',
  consistency: 'consist',
  region: 'geo',
  regions: 'geo',
  global: 'geo',
  globally: 'geo',
  worldwide: 'geo',
  delete: 'remov',
  deletion: 'remov',
  remove: 'remov',
  edit: 'modif',
  update: 'modif',
  change: 'modif',
  messages: 'message',
  msgs: 'message',
  msg: 'message',
  notifications: 'notif',
  notification: 'notif',
  storage: 'store',
  stored: 'store',
  keep: 'store',
  retention: 'store',
  persist: 'store',
};

export function stem(word: string): string {
  const w = word.toLowerCase();
  if (SYNONYMS[w]) return SYNONYMS[w]!;
  let s = w;
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 'ly', 's']) {
    if (s.length > suffix.length + 2 && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return SYNONYMS[s] ?? s;
}

export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)).map(stem);
}

export interface MatchResult {
  index: number | null;
  score: number;
}

export const MATCH_THRESHOLD = 0.34;

/**
 * Returns the best-matching authored question (index into `questions`) or null when nothing is
 * close enough. Score is in 0..1: the weighted share of the typed question's words (and of the
 * phrasing's) that the two have in common, averaged.
 */
export function matchQuestion(typed: string, questions: readonly Clarifying[]): MatchResult {
  const query = [...new Set(tokens(typed))];
  if (query.length === 0) return { index: null, score: 0 };
  const phrasings = questions.flatMap((q, index) =>
    q.phrasings.map((p) => ({ index, words: new Set(tokens(p)) })),
  );
  const docFreq = new Map<string, number>();
  for (const p of phrasings) for (const w of p.words) docFreq.set(w, (docFreq.get(w) ?? 0) + 1);
  const n = phrasings.length;
  const weight = (w: string) => Math.log(1 + n / (docFreq.get(w) ?? 0.5));
  const queryWeight = query.reduce((acc, w) => acc + weight(w), 0);
  let best: MatchResult = { index: null, score: 0 };
  for (const p of phrasings) {
    if (p.words.size === 0) continue;
    let shared = 0;
    for (const w of query) if (p.words.has(w)) shared += weight(w);
    const phraseWeight = [...p.words].reduce((acc, w) => acc + weight(w), 0);
    const score = 0.5 * (shared / queryWeight) + 0.5 * (shared / phraseWeight);
    if (score > best.score) best = { index: p.index, score };
  }
  return best.score >= MATCH_THRESHOLD ? best : { index: null, score: best.score };
}

export const DEFAULT_REPLY =
  "That one's your call — state the assumption you'd make, say why, and keep going. I'll tell you if it's way off.";

/** What the interviewer says when a phase begins (before any authored follow-up). */
export const PHASE_CUES: Partial<Record<PhaseId, string>> = {
  estimate: 'Good. Before you draw anything: how big is this? Walk me through the numbers that matter.',
  design: 'Let’s see the high-level design. Sketch the main components and how a request flows through them.',
  'deep-dive': 'That gives us a picture. Let’s go deeper.',
  tradeoffs:
    'We have a few minutes left. What are the main trade-offs you made, and when would you revisit them?',
};

export interface InterviewerLine {
  kind: 'nudge' | 'follow-up' | 'mutation';
  text: string;
}

/**
 * The offline interviewer's lines as a phase begins: a cue, then (in the deep dive and the trade-offs)
 * the next follow-up in this session's order, and in the deep dive the constraint change it drew.
 * A decision only: the session store records the lines.
 */
export function phaseEntryLines(input: {
  phase: PhaseId;
  problem: Pick<Problem, 'followUps' | 'constraintMutations'> | null;
  /** Follow-ups already asked in this session. */
  followUpsAsked: number;
  /** This session's stable shuffle of the problem's follow-up indexes. */
  followUpOrder: readonly number[];
  /** The constraint change drawn at start, when that option is on. */
  mutationIndex: number | null;
}): InterviewerLine[] {
  const lines: InterviewerLine[] = [];
  const cue = PHASE_CUES[input.phase];
  if (cue) lines.push({ kind: 'nudge', text: cue });
  const problem = input.problem;
  if (!problem) return lines;
  if (input.phase === 'deep-dive' || input.phase === 'tradeoffs') {
    const pick = input.followUpOrder[input.followUpsAsked];
    const followUp = pick === undefined ? undefined : problem.followUps[pick];
    if (followUp) lines.push({ kind: 'follow-up', text: followUp.question });
  }
  if (input.phase === 'deep-dive' && input.mutationIndex !== null) {
    const mutation = problem.constraintMutations[input.mutationIndex];
    if (mutation) lines.push({ kind: 'mutation', text: `One change before you go on: ${mutation.prompt}` });
  }
  return lines;
}
