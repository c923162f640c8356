/**
 * The AI score draft's instructions, version 1 (stored with every draft). The model must quote the
 * candidate's own words as evidence; quotes are checked against the material afterwards
 * (shared/domain/quotes.ts) and any it made up are dropped and counted.
 */
import { z } from 'zod';
import type { Problem } from '../../../../shared/content/schema';
import { DIMENSIONS } from '../../../../shared/domain/rubric';
import type { Material } from '../../../../shared/domain/quotes';

export const DRAFT_PROMPT_VERSION = 'draft-v1';

const DimensionDraft = z.object({
  level: z.number().int().min(1).max(4),
  evidence: z.array(z.string()).max(6),
  why: z.string(),
});

/** What the model must answer (validated with zod; sent as the JSON schema where supported). */
export const DraftAnswer = z.object({
  enough: z.boolean(),
  requirements: DimensionDraft,
  design: DimensionDraft,
  depth: DimensionDraft,
  tradeoffs: DimensionDraft,
  communication: DimensionDraft,
});
export type DraftAnswer = z.infer<typeof DraftAnswer>;

export function draftMessages(
  problem: Problem,
  material: Material,
): { role: 'system' | 'user'; content: string }[] {
  const rubric = DIMENSIONS.map(
    (d) =>
      `### ${d.id} — ${d.name}\n${d.prompt}\n` +
      ([1, 2, 3, 4] as const).map((l) => `${l}: ${d.levels[l]}`).join('\n'),
  ).join('\n\n');
  const system = [
    'You draft a score for a system-design mock interview, as a second opinion beside the candidate’s own self-score.',
    'Score each of the five dimensions from 1 to 4 using the rubric. For each, give up to three short evidence quotes copied word for word from the candidate’s material below (notes, transcript, board) — never paraphrase, never quote the problem statement or the interviewer, never invent. If there is no quote for a dimension, give an empty evidence list.',
    'If the material is too thin to judge (a few words, no design), set "enough" to false.',
    'Answer with one JSON object only, of this shape:',
    '{"enough": true, "requirements": {"level": 1-4, "evidence": ["…"], "why": "one sentence"}, "design": {…}, "depth": {…}, "tradeoffs": {…}, "communication": {…}}',
    '',
    '## Rubric',
    rubric,
    '',
    `## Problem: ${problem.title}`,
    problem.openingPrompt,
    'A strong answer covers:',
    problem.strongAnswerChecklist.map((i) => `- ${i}`).join('\n'),
  ].join('\n');
  const user = [
    '## Candidate’s notes',
    material.notes.trim() || '(none)',
    '',
    '## Candidate’s side of the transcript',
    material.transcript.trim() || '(none)',
    '',
    '## Board',
    material.board.trim() || '(nothing drawn)',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
