/**
 * The estimation check's instructions, version 1: each scratchpad line gets an order-of-magnitude
 * verdict. The reference figures are given so the model checks against the problem's own numbers.
 */
import { z } from 'zod';
import type { Problem } from '../../../../shared/content/schema';

export const ESTIMATES_PROMPT_VERSION = 'estimates-v1';

export const EstimatesAnswer = z.object({
  lines: z.array(
    z.object({
      line: z.number().int(),
      verdict: z.enum(['plausible', 'too-high', 'too-low', 'unclear']),
      note: z.string(),
    }),
  ),
});

export function estimatesMessages(
  problem: Problem,
  lines: { line: number; input: string; output?: string }[],
): { role: 'system' | 'user'; content: string }[] {
  const reference = [
    ...problem.estimates.assumptions.map((a) => `- ${a.label}: ${a.value} ${a.unit}`),
    ...problem.estimates.derived.map((d) => `- ${d.label}: ≈ ${d.value} ${d.unit}`),
  ].join('\n');
  return [
    {
      role: 'system',
      content: [
        `You check back-of-the-envelope estimates for the system-design problem "${problem.title}".`,
        'For each numbered line, say whether its result is plausible to within an order of magnitude (a factor of ten), too high or too low, or unclear (not a figure). Give a one-sentence note with the reason; name the right order of magnitude when it is off.',
        'Answer with one JSON object only: {"lines": [{"line": <number>, "verdict": "plausible" | "too-high" | "too-low" | "unclear", "note": "…"}]}',
        '',
        'The problem’s own reference figures:',
        reference,
      ].join('\n'),
    },
    {
      role: 'user',
      content: lines.map((l) => `${l.line}. ${l.input}${l.output ? `  → ${l.output}` : ''}`).join('\n'),
    },
  ];
}
