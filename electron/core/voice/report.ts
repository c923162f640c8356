/** The Markdown report's voice transcript section (when the interview was transcribed). */
import { formatClock } from '../../../shared/domain/timer';
import type { VoiceTranscript } from '../../../shared/api/voice';

export function voiceReportLines(transcript: VoiceTranscript | null, sessionStartMs: number): string[] {
  if (!transcript || transcript.lines.length === 0) return [];
  return [
    '',
    '## What you said',
    '',
    `_Transcribed from the recording by ${transcript.model}; times from the start of the interview._`,
    '',
    ...transcript.lines.map(
      (l) => `- (${formatClock(l.atMs - sessionStartMs)}) ${l.text.replace(/\n+/g, ' ')}`,
    ),
  ];
}
