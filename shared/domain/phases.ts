/**
 * The five phases, in order. Kept free of zod so the first screen's code (the timer, the resume
 * banner) does not pull the schema library into the initial bundle; content/schema.ts builds its
 * enum from this list.
 */
export const PHASE_IDS = ['clarify', 'estimate', 'design', 'deep-dive', 'tradeoffs'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export const PHASE_LABELS: Record<PhaseId, string> = {
  clarify: 'Clarify',
  estimate: 'Estimate',
  design: 'High-level design',
  'deep-dive': 'Deep dive',
  tradeoffs: 'Trade-offs',
};
