/**
 * Session reports: Markdown (with the whiteboard embedded as a PNG) and PDF (pdf-lib, standard
 * fonts, no network). The whiteboard image is made by the renderer, where Excalidraw runs.
 */
import type { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';
import { AppError } from '../../../shared/api/envelope';
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import { type Problem } from '../../../shared/content/schema';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
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
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
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
      fileBase: `tradeoff-${slug(s.problemTitle)}-${new Date(s.createdAtMs).toISOString().slice(0, 10)}`,
      elapsedMs: timer.elapsedMs,
      phases: timer.phases.map((p) => ({
        label: PHASE_LABELS[p.phase],
        spent: formatClock(p.spentMs),
        plan: `${Math.round(p.budgetMs / 60_000)} min`,
      })),
    };
  }

  markdown(id: string, whiteboardPng?: string): { fileName: string; text: string } {
    const m = this.model(id);
    const { s, score, problem } = m;
    const out: string[] = [];
    out.push(`# ${s.problemTitle} — interview report`, '');
    out.push(`- Date: ${isoDate(s.createdAtMs)}`);
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
        const evidence = score.evidence[d.id].replace(/\n+/g, ' ').replace(/\|/g, '\\|') || '—';
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
      if (s.notes[p].trim()) out.push('', `### ${PHASE_LABELS[p]}`, '', s.notes[p].trim());
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
    out.push('');
    return { fileName: `${m.fileBase}.md`, text: out.join('\n') };
  }

  async pdf(id: string, whiteboardPng?: string): Promise<{ fileName: string; base64: string }> {
    const m = this.model(id);
    const { s, score, problem } = m;
    // pdf-lib is large: load it when a report is asked for, not at start-up.
    const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.setTitle(`${s.problemTitle} — interview report`);
    doc.setCreator('Tradeoff');
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const w = new PdfWriter(doc, font, bold, rgb);

    w.heading(`${s.problemTitle} — interview report`, 18);
    w.text(`${isoDate(s.createdAtMs)} · ${formatClock(m.elapsedMs)} of ${s.timeTargetMin} min`);
    if (score) {
      w.gap(6);
      w.text(`Weighted score ${score.weighted.toFixed(2)} / 4 — ${VERDICT_NAMES[score.verdict]}`, 14, true);
      w.text(`Self-scored with the rubric profile "${score.profileName}".`, 10);
      w.gap(8);
      w.heading('Scores', 13);
      for (const d of DIMENSIONS) {
        const level = score.levels[d.id] as Level;
        w.text(`${d.name} (${score.weights[d.id]}%): ${level} — ${LEVEL_NAMES[level]}`, 11, true);
        if (score.evidence[d.id].trim()) w.text(`Evidence: ${score.evidence[d.id]}`, 10);
      }
      w.text(`Verdict rule: ${VERDICT_RULE}`, 9);
      if (problem) {
        w.gap(6);
        w.heading('Strong-answer checklist', 13);
        problem.strongAnswerChecklist.forEach((item, i) =>
          w.text(`${score.checklist.includes(i) ? '[x]' : '[  ]'} ${item}`, 10),
        );
      }
    } else {
      w.text('Not scored yet.', 11);
    }
    w.gap(8);
    w.heading('Time per phase', 13);
    for (const p of m.phases) w.text(`${p.label}: ${p.spent} (plan ${p.plan})`, 10);
    if (whiteboardPng) {
      w.gap(8);
      w.heading('Whiteboard', 13);
      try {
        await w.image(Buffer.from(whiteboardPng, 'base64'));
      } catch {
        w.text('(The whiteboard image could not be embedded.)', 10);
      }
    }
    const notes = PHASE_IDS.filter((p) => s.notes[p].trim());
    if (notes.length) {
      w.gap(8);
      w.heading('Notes', 13);
      for (const p of notes) {
        w.text(PHASE_LABELS[p], 11, true);
        for (const line of s.notes[p].trim().split('\n')) w.text(line, 10);
      }
    }
    if (s.scratchpad?.text.trim()) {
      w.gap(8);
      w.heading('Estimates', 13);
      for (const r of s.scratchpad.results)
        if (r.input.trim()) w.text(`${r.input}${r.output ? `  = ${r.output}` : ''}`, 10);
    }
    w.gap(8);
    w.heading('Transcript', 13);
    for (const t of s.transcript) w.text(`${t.role === 'candidate' ? 'You' : 'Interviewer'}: ${t.text}`, 9);
    const bytes = await doc.save();
    return { fileName: `${m.fileBase}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }
}

/** The standard PDF fonts only cover WinAnsi: map common typography to it, drop the rest. */
export function winAnsi(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/→/g, '->')
    .replace(/←/g, '<-')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/≈/g, '~')
    .replace(/×/g, 'x')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => '^' + '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c))
    .replace(/\t/g, '  ')
    .replace(/[^\x20-\x7E\xA0-\xFF]/g, '?');
}

class PdfWriter {
  private page: PDFPage;
  private y: number;
  private readonly margin = 50;
  private readonly width = 595.28; // A4
  private readonly height = 841.89;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly color: typeof rgb,
  ) {
    this.page = doc.addPage([this.width, this.height]);
    this.y = this.height - this.margin;
  }

  private ensure(space: number) {
    if (this.y - space < this.margin) {
      this.page = this.doc.addPage([this.width, this.height]);
      this.y = this.height - this.margin;
    }
  }

  gap(points: number) {
    this.y -= points;
  }

  heading(text: string, size: number) {
    this.gap(4);
    this.text(text, size, true);
    this.gap(2);
  }

  text(raw: string, size = 11, isBold = false) {
    const font = isBold ? this.bold : this.font;
    const maxWidth = this.width - 2 * this.margin;
    const words = winAnsi(raw).split(' ');
    let line = '';
    const flush = () => {
      this.ensure(size * 1.35);
      this.page.drawText(line, {
        x: this.margin,
        y: this.y - size,
        size,
        font,
        color: this.color(0.1, 0.12, 0.16),
      });
      this.y -= size * 1.35;
      line = '';
    };
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > maxWidth && line) {
        flush();
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line || words.length === 0) flush();
  }

  async image(png: Buffer) {
    const img = await this.doc.embedPng(png);
    const maxWidth = this.width - 2 * this.margin;
    const scale = Math.min(1, maxWidth / img.width, 420 / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    this.ensure(h + 8);
    this.page.drawImage(img, { x: this.margin, y: this.y - h, width: w, height: h });
    this.y -= h + 8;
  }
}
