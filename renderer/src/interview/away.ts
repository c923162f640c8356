import { formatDuration, intervalToDuration } from 'date-fns';

/** "5 minutes", "2 hours 5 minutes", "3 days 4 hours": how long an interview was closed. */
export function formatAway(ms: number): string {
  const d = intervalToDuration({ start: 0, end: Math.max(0, ms) });
  const units: ('days' | 'hours' | 'minutes')[] =
    ms >= 86_400_000 ? ['days', 'hours'] : ms >= 3_600_000 ? ['hours', 'minutes'] : ['minutes'];
  return formatDuration(d, { format: units }) || 'less than a minute';
}
