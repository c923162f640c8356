/**
 * The Markdown session report (with the whiteboard embedded as a PNG made by the renderer, where
 * Excalidraw runs). The PDF is not made here: the window prints its own print view of the session
 * page (renderer/src/review/ReportPage.tsx), so it reads like the page and needs no layout code.
 */
import { AppError } from '../../../shared/api/envelope';
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import { type Problem } from '../../../shared/content/schema';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { keepLineBreaks, reportFileBase } from '../../../shared/domain/report';
import {
  DIMENSIONS,
  LEVEL_NAMES,
  VERDICT_NAMES,
  VERDICT_RULE,
  type Level,
} from '../../../shared/domain/rubric';
import { computeTimer, formatClock } from '../../../shared/domain/timer';

export interface ReportSources {
  session: (id: string) => SessionState;
  score: (id: string) => Score | null;
  problem: (id: string) => Problem | null;
  /** Sections other capabilities add at the end (the AI draft's provenance and tokens). */
  extraLines?: (id: string) => string[];
}

/** A date as the reader's own app shows it; UTC (and said so) when their zone is unknown or invalid. */
export function reportDate(ms: number, where: { locale?: string; timeZone?: string } = {}): string {
  try {
    return new Intl.DateTimeFormat(where.locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: where.timeZone,
      timeZoneName: 'short',
    }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }
}

interface ReportModel {
  s: SessionState;
  score: Score | null;
  problem: Problem | null;
  fileBase: string;
  elapsedMs: number;
  phases: { label: string; spent: string; plan: string }[];
}

export class Reports {
  constructor(private readonly src: ReportSources) {}

  private model(id: string): ReportModel {
    const s = this.src.session(id);
    if (s.status !== 'ended') throw new AppError('CONFLICT', 'End the interview before exporting a report.');
    const timer = computeTimer(s.events, s.budgetsMin, s.endedAtMs ?? s.serverNowMs);
    return {
      s,
      score: this.src.score(id),
      problem: this.src.problem(s.problemId),
      fileBase: reportFileBase(s.problemTitle, s.createdAtMs),
      elapsedMs: timer.elapsedMs,
      phases: timer.phases.map((p) => ({
        label: PHASE_LABELS[p.phase],
        spent: formatClock(p.spentMs),
        plan: `${Math.round(p.budgetMs / 60_000)} min`,
      })),
    };
  }

  markdown(
    id: string,
    whiteboardPng?: string,
    where: { locale?: string; timeZone?: string } = {},
  ): { fileName: string; text: string } {
    const m = this.model(id);
    const { s, score, problem } = m;
    const out: string[] = [];
    out.push(`# ${s.problemTitle} — interview report`, '');
    out.push(`- Date: ${reportDate(s.createdAtMs, where)}`);
    out.push(`- Time: ${formatClock(m.elapsedMs)} of ${s.timeTargetMin} min`);
    if (score) {
      out.push(
        `- Weighted score: **${score.weighted.toFixed(2)} / 4** — **${VERDICT_NAMES[score.verdict]}**`,
      );
      out.push(
        `- Scored by: ${score.provenance === 'self' ? 'yourself (self-score)' : 'AI draft'}, rubric profile “${score.profileName}”`,
      );
    } else {
      out.push('- Not scored yet');
    }
    out.push('', '## Time per phase', '', '| Phase | Spent | Plan |', '|---|---|---|');
    for (const p of m.phases) out.push(`| ${p.label} | ${p.spent} | ${p.plan} |`);
    if (score) {
      out.push('', '## Scores', '', '| Dimension | Weight | Level | Evidence |', '|---|---|---|---|');
      for (const d of DIMENSIONS) {
        const level = score.levels[d.id] as Level;
        // A table cell is one line of Markdown: its line breaks become <br>, which renderers keep.
        const evidence = score.evidence[d.id].trim().replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>') || '—';
        out.push(`| ${d.name} | ${score.weights[d.id]}% | ${level} (${LEVEL_NAMES[level]}) | ${evidence} |`);
      }
      out.push('', `Verdict rule: ${VERDICT_RULE}`);
      if (problem) {
        out.push('', '## Strong-answer checklist', '');
        problem.strongAnswerChecklist.forEach((item, i) =>
          out.push(`- [${score.checklist.includes(i) ? 'x' : ' '}] ${item}`),
        );
      }
    }
    out.push('', '## Whiteboard', '');
    out.push(
      whiteboardPng ? `![Whiteboard](data:image/png;base64,${whiteboardPng})` : '_Nothing was drawn._',
    );
    out.push('', '## Notes');
    for (const p of PHASE_IDS) {
      if (s.notes[p].trim()) out.push('', `### ${PHASE_LABELS[p]}`, '', keepLineBreaks(s.notes[p].trim()));
    }
    if (s.scratchpad?.text.trim()) {
      out.push('', '## Estimates', '', '```');
      for (const r of s.scratchpad.results) out.push(`${r.input}${r.output ? `  = ${r.output}` : ''}`);
      out.push('```');
    }
    out.push('', '## Transcript', '');
    for (const t of s.transcript) {
      out.push(
        `- **${t.role === 'candidate' ? 'You' : 'Interviewer'}** (${new Date(t.atMs).toISOString().slice(11, 19)}): ${t.text.replace(/\n+/g, ' ')}`,
      );
    }
    out.push(...(this.src.extraLines?.(id) ?? []));
    out.push('');
    return { fileName: `${m.fileBase}.md`, text: out.join('\n') };
  }
}
