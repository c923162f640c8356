/**
 * What the AI features do, over the store and the client: the interviewer's streamed replies (with
 * the offline interviewer taking over when the model fails), drafted scores whose quotes are
 * checked against the candidate's material, the estimation check, calibration, and usage records.
 * Replies stream in the background after the call returns, so nothing the window waits for (the
 * clock, autosave) ever waits on the model.
 */
import type {
  AiAdoption,
  AiCalibration,
  AiDraft,
  AiDraftDimension,
  AiEstimateLine,
  AiFailure,
} from '../../../shared/api/ai';
import { AppError } from '../../../shared/api/envelope';
import type { Score } from '../../../shared/api/scoring';
import type { SessionState, TranscriptEntry } from '../../../shared/api/sessions';
import type { Problem } from '../../../shared/content/schema';
import { DEFAULT_REPLY, matchQuestion } from '../../../shared/domain/interviewer';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { checkQuotes, materialWords, MIN_MATERIAL_WORDS, type Material } from '../../../shared/domain/quotes';
import { DIMENSION_IDS, DIMENSIONS, type DimensionId, type Level } from '../../../shared/domain/rubric';
import { computeTimer } from '../../../shared/domain/timer';
import type { Core } from '../core';
import { boardText } from './board';
import type { AiCallError, AiClient, ChatMessage, Endpoint, Usage } from './client';
import { aiEndpoint } from './config';
import { DRAFT_PROMPT_VERSION, DraftAnswer, draftMessages } from './prompts/draft';
import { ESTIMATES_PROMPT_VERSION, EstimatesAnswer, estimatesMessages } from './prompts/estimates';
import {
  INTERVIEWER_PROMPT_VERSION,
  interviewerSystemPrompt,
  phaseProbeInstruction,
} from './prompts/interviewer';

/** How much of the transcript the interviewer sees (the newest entries). */
const HISTORY_ENTRIES = 40;

const NOT_CONFIGURED: AiFailure = {
  kind: 'not-configured',
  message: 'No AI endpoint is set up (Settings → AI), so the offline interviewer answered.',
};

/**
 * The candidate's own material, as the draft is judged on and its quotes are checked against.
 * `spoken`: the lines of the interview's voice transcript, when it was recorded and transcribed.
 */
export function materialOf(s: SessionState, spoken: readonly string[] = []): Material {
  return {
    notes: PHASE_IDS.map((p) => s.notes[p].trim())
      .filter(Boolean)
      .join('\n\n'),
    transcript: [...s.transcript.filter((t) => t.role === 'candidate').map((t) => t.text), ...spoken].join(
      '\n',
    ),
    board: boardText(s.scene?.json),
  };
}

export class AiService {
  constructor(
    private readonly core: Core,
    /** The openai SDK loads on the first AI call, not at start-up (it is most of the AI code's size). */
    private readonly clientFor: (e: Endpoint) => Promise<AiClient> = async (e) =>
      new (await import('./client')).AiClient(e),
  ) {}

  private get store() {
    return this.core.stores().ai;
  }

  private session(id: string): SessionState {
    return this.core.stores().sessions.get(id);
  }

  private problem(s: SessionState): Problem {
    const found = this.core.library().problems.get(s.problemId);
    if (!found)
      throw new AppError('NOT_FOUND', `The problem “${s.problemTitle}” is no longer in your library.`);
    return found.item;
  }

  /** The configured endpoint with a model, or null. */
  private endpoint(): Endpoint | null {
    const e = aiEndpoint(this.core);
    return e && e.model ? e : null;
  }

  private record(
    sessionId: string | null,
    purpose: 'test' | 'models' | 'interview' | 'probe' | 'draft' | 'estimates',
    model: string,
    promptVersion: string | null,
    usage: Usage,
    outcome: string,
  ): void {
    this.core.stores().ai.recordCall({ sessionId, purpose, model, promptVersion, ...usage, outcome });
  }

  // ---- Settings checks ----

  async test(): Promise<{ ok: true; model: string; reply: string } | { ok: false; failure: AiFailure }> {
    const e = aiEndpoint(this.core);
    if (!e) return { ok: false, failure: { kind: 'not-configured', message: 'Enter a base URL first.' } };
    if (!e.model)
      return { ok: false, failure: { kind: 'not-configured', message: 'Choose or type a model first.' } };
    try {
      const out = await (
        await this.clientFor(e)
      ).complete([{ role: 'user', content: 'Reply with the single word: ready' }]);
      this.record(null, 'test', e.model, null, out.usage, 'ok');
      const reply = out.text.trim().replace(/\s+/g, ' ');
      return { ok: true, model: e.model, reply: reply.length > 80 ? `${reply.slice(0, 80)}…` : reply };
    } catch (err) {
      const failure = (err as AiCallError).failure ?? { kind: 'unknown', message: String(err) };
      this.record(null, 'test', e.model, null, { promptTokens: null, completionTokens: null }, failure.kind);
      return { ok: false, failure };
    }
  }

  async models(
    baseURL?: string,
  ): Promise<{ ok: true; models: string[] } | { ok: false; failure: AiFailure }> {
    const e = aiEndpoint(this.core, { baseURL });
    if (!e) return { ok: false, failure: { kind: 'not-configured', message: 'Enter a base URL first.' } };
    try {
      return { ok: true, models: await (await this.clientFor(e)).listModels() };
    } catch (err) {
      return {
        ok: false,
        failure: (err as AiCallError).failure ?? { kind: 'unknown', message: String(err) },
      };
    }
  }

  // ---- The interviewer ----

  private messagesFor(s: SessionState, extraUser: string | null): ChatMessage[] {
    const problem = this.problem(s);
    const timer = computeTimer(s.events, s.budgetsMin, s.endedAtMs ?? this.core.clock());
    const system = interviewerSystemPrompt({
      problem,
      phase: timer.phase,
      elapsedMin: timer.elapsedMs / 60_000,
      timeTargetMin: s.timeTargetMin,
      notes: s.notes,
      board: boardText(s.scene?.json),
      scratchpad: s.scratchpad?.text ?? '',
      announcedChanges: s.transcript.filter((t) => t.kind === 'mutation').map((t) => t.text),
    });
    const history: ChatMessage[] = s.transcript
      .slice(-HISTORY_ENTRIES)
      .map((t) =>
        t.role === 'candidate'
          ? { role: 'user' as const, content: t.text }
          : { role: 'assistant' as const, content: t.text },
      );
    return [
      { role: 'system', content: system },
      { role: 'user', content: problem.openingPrompt },
      ...history,
      ...(extraUser ? [{ role: 'user' as const, content: extraUser }] : []),
    ];
  }

  private phaseNow(s: SessionState) {
    return computeTimer(s.events, s.budgetsMin, this.core.clock()).phase;
  }

  /** The candidate's question joins the transcript now; the reply streams in the background. */
  ask(sessionId: string, requestId: string, question: string): { question: TranscriptEntry } {
    const s = this.session(sessionId);
    if (s.status !== 'active') throw new AppError('CONFLICT', 'This interview has already ended.');
    const entry = this.store.addTranscript(
      sessionId,
      this.phaseNow(s),
      'candidate',
      'question',
      question,
      null,
    );
    void this.reply(sessionId, requestId, 'answer', null, question);
    return { question: entry };
  }

  /** At a phase change, when the AI interviewer is on: a probing question, streamed. */
  probe(sessionId: string, requestId: string): { started: boolean } {
    const s = this.session(sessionId);
    if (s.status !== 'active' || !this.store.interviewer(sessionId) || !this.endpoint())
      return { started: false };
    void this.reply(sessionId, requestId, 'follow-up', phaseProbeInstruction(this.phaseNow(s)), null);
    return { started: true };
  }

  /**
   * Streams the interviewer's reply as `ai.delta` events, saves it (incomplete when the stream was
   * cut) and ends with `ai.done`. When nothing usable arrived and this answers a question, the
   * offline interviewer answers instead, so the candidate is never left without a reply.
   */
  private async reply(
    sessionId: string,
    requestId: string,
    kind: 'answer' | 'follow-up',
    instruction: string | null,
    question: string | null,
  ): Promise<void> {
    let entryId: number | null = null;
    let fallbackEntryId: number | null = null;
    let entry: TranscriptEntry | null = null;
    let failure: AiFailure | null = null;
    let incomplete = false;
    try {
      const e = this.endpoint();
      const s = this.session(sessionId);
      if (!e) failure = NOT_CONFIGURED;
      else {
        const client = await this.clientFor(e);
        const out = await client.stream(this.messagesFor(s, instruction), (text) =>
          this.core.emit('ai.delta', { sessionId, requestId, text }),
        );
        failure = out.failure;
        incomplete = out.incomplete;
        this.record(
          sessionId,
          kind === 'answer' ? 'interview' : 'probe',
          e.model,
          INTERVIEWER_PROMPT_VERSION,
          out.usage,
          failure?.kind ?? 'ok',
        );
        if (out.text.trim()) {
          entry = this.store.addTranscript(
            sessionId,
            this.phaseNow(s),
            'interviewer',
            kind,
            out.text.trim(),
            {
              model: e.model,
              promptVersion: INTERVIEWER_PROMPT_VERSION,
              incomplete,
            },
          );
          entryId = entry.id;
        }
      }
      if (entryId === null && question !== null) {
        const s2 = this.session(sessionId);
        const problem = this.problem(s2);
        const match = matchQuestion(question, problem.clarifyingQuestions);
        const text =
          match.index !== null
            ? problem.clarifyingQuestions[match.index]!.answer
            : (problem.defaultReply ?? DEFAULT_REPLY);
        entry = this.store.addTranscript(sessionId, this.phaseNow(s2), 'interviewer', 'answer', text, null, {
          index: match.index,
          score: match.score,
        });
        fallbackEntryId = entry.id;
        if (failure && failure.kind !== 'not-configured')
          failure = {
            ...failure,
            message: `${failure.message.replace(/\.$/, '')} — the offline interviewer answered instead.`,
          };
      }
    } catch (err) {
      // The session may have been discarded meanwhile, or the data file closed: say so, lose nothing else.
      failure = { kind: 'unknown', message: `The AI reply could not be saved: ${(err as Error).message}` };
      this.core.log(`ai reply for ${sessionId} failed: ${(err as Error).message}`);
    }
    this.core.emit('ai.done', { sessionId, requestId, entryId, incomplete, failure, fallbackEntryId, entry });
  }

  // ---- The drafted score ----

  async draftScore(sessionId: string): Promise<AiDraft> {
    const s = this.session(sessionId);
    if (s.status !== 'ended')
      throw new AppError('CONFLICT', 'End the interview before asking for an AI draft.');
    if (!this.core.stores().scoring.get(sessionId))
      throw new AppError(
        'CONFLICT',
        'Score yourself first: the AI draft is a second opinion beside your own score.',
      );
    const e = this.endpoint();
    if (!e) throw new AppError('CONFLICT', 'Set up an AI endpoint and model in Settings → AI first.');
    // What was said aloud is evidence too: quotable, and checked like any other quote.
    const spoken =
      this.core
        .stores()
        .voice.transcript(sessionId)
        ?.lines.map((l) => l.text) ?? [];
    const material = materialOf(s, spoken);
    const base = { sessionId, model: e.model, promptVersion: DRAFT_PROMPT_VERSION };
    const words = materialWords(material);
    if (words < MIN_MATERIAL_WORDS) {
      return this.store.saveDraft({
        ...base,
        status: 'not-enough',
        message: `Not enough to score: your notes, answers and board hold ${words} words (a draft needs at least ${MIN_MATERIAL_WORDS}).`,
        dimensions: [],
        droppedQuotes: 0,
      });
    }
    let answer: DraftAnswer;
    try {
      const out = await (
        await this.clientFor(e)
      ).json(draftMessages(this.problem(s), material), DraftAnswer, 'score_draft');
      answer = out.value;
      this.record(sessionId, 'draft', e.model, DRAFT_PROMPT_VERSION, out.usage, 'ok');
    } catch (err) {
      const failure: AiFailure = (err as AiCallError).failure ?? { kind: 'unknown', message: String(err) };
      const usage = (err as AiCallError).usage ?? { promptTokens: null, completionTokens: null };
      this.record(sessionId, 'draft', e.model, DRAFT_PROMPT_VERSION, usage, failure.kind);
      return this.store.saveDraft({
        ...base,
        status: 'failed',
        message: `Could not draft a score: ${failure.message}`,
        dimensions: [],
        droppedQuotes: 0,
      });
    }
    if (!answer.enough) {
      return this.store.saveDraft({
        ...base,
        status: 'not-enough',
        message: 'Not enough to score: the model found too little in your notes, answers and board to judge.',
        dimensions: [],
        droppedQuotes: 0,
      });
    }
    let dropped = 0;
    let given = 0;
    const dimensions: AiDraftDimension[] = DIMENSION_IDS.map((id) => {
      const d = answer[id];
      given += d.evidence.length;
      const { kept, dropped: n } = checkQuotes(d.evidence, material);
      dropped += n;
      return {
        dimension: id,
        level: kept.length ? (d.level as Level) : null,
        why: d.why,
        quotes: kept,
        droppedQuotes: n,
      };
    });
    if (dimensions.every((d) => d.level === null)) {
      return this.store.saveDraft({
        ...base,
        status: 'failed',
        message: `Could not draft a score: none of the model’s ${given} quotes is in your notes, answers or board, so no level is shown.`,
        dimensions,
        droppedQuotes: dropped,
      });
    }
    return this.store.saveDraft({
      ...base,
      status: 'draft',
      message: null,
      dimensions,
      droppedQuotes: dropped,
    });
  }

  adopt(sessionId: string, dimension: DimensionId): { score: Score; adoption: AiAdoption } {
    const draft = this.store.latestDraft(sessionId);
    const level =
      draft?.status === 'draft' ? draft.dimensions.find((d) => d.dimension === dimension)?.level : null;
    if (!draft || !level)
      throw new AppError('CONFLICT', 'The AI draft has no level with evidence for this dimension.');
    const scoring = this.core.stores().scoring;
    const score = scoring.get(sessionId);
    if (!score) throw new AppError('CONFLICT', 'Score yourself first.');
    const earlier = this.store.adoptions(sessionId).find((a) => a.dimension === dimension);
    // The self level is the one the candidate chose, not an earlier adopted one.
    const selfLevel = earlier ? earlier.selfLevel : score.levels[dimension];
    const db = this.core.stores().db;
    const saved = db.transaction(() => {
      const next = scoring.save({
        sessionId,
        profileId: score.profileId,
        levels: { ...score.levels, [dimension]: level },
        evidence: score.evidence,
        checklist: score.checklist,
      });
      this.store.recordAdoption(sessionId, dimension, draft.id, level, selfLevel as Level);
      return next;
    })();
    const adoption = this.store.adoptions(sessionId).find((a) => a.dimension === dimension)!;
    return { score: saved, adoption };
  }

  // ---- Estimates, calibration, usage ----

  async checkEstimates(
    sessionId: string,
  ): Promise<{ ok: true; lines: AiEstimateLine[]; model: string } | { ok: false; failure: AiFailure }> {
    const s = this.session(sessionId);
    const lines = (s.scratchpad?.results ?? []).filter(
      (l) => l.input.trim() && !l.input.trim().startsWith('#'),
    );
    if (lines.length === 0) throw new AppError('CONFLICT', 'The scratchpad has no lines to check yet.');
    const e = this.endpoint();
    if (!e)
      return {
        ok: false,
        failure: { kind: 'not-configured', message: 'Set up an AI endpoint in Settings → AI first.' },
      };
    try {
      const out = await (
        await this.clientFor(e)
      ).json(estimatesMessages(this.problem(s), lines), EstimatesAnswer, 'estimate_check');
      this.record(sessionId, 'estimates', e.model, ESTIMATES_PROMPT_VERSION, out.usage, 'ok');
      const byLine = new Map(out.value.lines.map((l) => [l.line, l]));
      return {
        ok: true,
        model: e.model,
        lines: lines.map((l) => {
          const a = byLine.get(l.line);
          return a
            ? { line: l.line, input: l.input, verdict: a.verdict, note: a.note }
            : {
                line: l.line,
                input: l.input,
                verdict: 'unclear' as const,
                note: 'The model did not answer for this line.',
              };
        }),
      };
    } catch (err) {
      const failure: AiFailure = (err as AiCallError).failure ?? { kind: 'unknown', message: String(err) };
      this.record(
        sessionId,
        'estimates',
        e.model,
        ESTIMATES_PROMPT_VERSION,
        (err as AiCallError).usage ?? { promptTokens: null, completionTokens: null },
        failure.kind,
      );
      return { ok: false, failure };
    }
  }

  calibration(): AiCalibration {
    return {
      points: this.store.calibrationRows().flatMap((r) => {
        const gaps = r.dimensions
          .filter((d) => d.level !== null)
          .map((d) => ({ dimension: d.dimension, gap: r.levels[d.dimension] - d.level! }));
        if (!gaps.length) return [];
        const meanGap = gaps.reduce((a, g) => a + g.gap, 0) / gaps.length;
        return [{ sessionId: r.sessionId, atMs: r.atMs, problemTitle: r.problemTitle, gaps, meanGap }];
      }),
    };
  }

  /** "Interviewer (AI, model)" for the transcript entries the AI interviewer wrote. */
  speakers(sessionId: string): Map<number, string> {
    const stores = this.core.openStores();
    const out = new Map<number, string>();
    for (const m of stores?.ai.messages(sessionId) ?? [])
      out.set(m.entryId, `Interviewer (AI, ${m.model}${m.incomplete ? ', incomplete' : ''})`);
    return out;
  }

  /** The AI part of the Markdown report: who drafted what, which levels were adopted, tokens used. */
  reportLines(sessionId: string): string[] {
    const stores = this.core.openStores();
    if (!stores) return [];
    const draft = stores.ai.latestDraft(sessionId);
    const adoptions = stores.ai.adoptions(sessionId);
    const calls = stores.ai.calls(sessionId);
    const messages = stores.ai.messages(sessionId);
    if (!draft && !adoptions.length && !calls.length && !messages.length) return [];
    const out = ['', '## AI', ''];
    if (messages.length) {
      const models = [...new Set(messages.map((m) => `${m.model} (${m.promptVersion})`))].join(', ');
      out.push(`- AI interviewer: ${messages.length} messages by ${models}`);
    }
    if (draft) {
      const when = new Date(draft.createdAtMs).toISOString().slice(0, 16).replace('T', ' ');
      out.push(
        `- AI draft (${draft.model}, ${when} UTC, ${draft.promptVersion}): ${draft.status === 'draft' ? 'levels with quoted evidence' : (draft.message ?? draft.status)}`,
      );
      if (draft.droppedQuotes)
        out.push(`- Quotes dropped as not found in your material: ${draft.droppedQuotes}`);
    }
    for (const a of adoptions) {
      const name = DIMENSIONS.find((d) => d.id === a.dimension)?.name ?? a.dimension;
      out.push(
        `- ${name}: level ${a.level} adopted from the AI draft (${a.model}); your own level was ${a.selfLevel}`,
      );
    }
    if (calls.length) {
      const p = calls.reduce((n, c) => n + (c.promptTokens ?? 0), 0);
      const c = calls.reduce((n, x) => n + (x.completionTokens ?? 0), 0);
      out.push(`- Tokens: ${p} prompt + ${c} completion over ${calls.length} calls`);
    }
    return out;
  }
}
