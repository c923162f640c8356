/** The numbers worth knowing by heart, shown beside the scratchpad. */
export const CHEAT_SHEET: readonly { label: string; value: string }[] = [
  { label: 'Seconds in a day', value: '86,400 ≈ 10⁵' },
  { label: '1M per day', value: '≈ 12 per second' },
  { label: '1B per day', value: '≈ 12K per second' },
  { label: '1 KB × 1B', value: '= 1 TB' },
  { label: 'Redis (one node)', value: '~100K ops/s' },
  { label: 'PostgreSQL (one primary)', value: '~10K TPS' },
  { label: 'WebSockets per server', value: '~10K (memory-bound)' },
  { label: '99.9% availability', value: '8.76 h/year · 43.8 min/month' },
  { label: '99.99% availability', value: '52.6 min/year' },
  { label: '99.999% availability', value: '5.26 min/year' },
  { label: 'Tail at scale', value: '1 − 0.99⁵⁰ ≈ 40% of fan-outs hit a p99' },
  { label: 'Base62, 7 chars', value: '62⁷ ≈ 3.5 trillion keys' },
];
