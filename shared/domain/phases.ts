import type { PhaseId } from '../content/schema';

export const PHASE_LABELS: Record<PhaseId, string> = {
  clarify: 'Clarify',
  estimate: 'Estimate',
  design: 'High-level design',
  'deep-dive': 'Deep dive',
  tradeoffs: 'Trade-offs',
};
