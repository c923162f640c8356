import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';

/** What the candidate said aloud (the recording's transcript), for the keyword hints; '' without one. */
export function useSpokenText(sessionId: string): string {
  const recording = useQuery({
    queryKey: voiceKeys.recording(sessionId),
    queryFn: () => call('voice.get', { sessionId }),
  });
  return recording.data?.transcript?.lines.map((l) => l.text).join('\n') ?? '';
}
