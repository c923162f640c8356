import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';
import { VoiceRecorder, type RecorderStatus } from './recorder';
import './voice.css';

/**
 * In the interview header: records the interview when the candidate chose to, follows its pause,
 * and shows that it is recording with a level meter (so a dead microphone is noticed at once).
 */
export function RecordingIndicator({ sessionId, paused }: { sessionId: string; paused: boolean }) {
  const recording = useQuery({
    queryKey: voiceKeys.recording(sessionId),
    queryFn: () => call('voice.get', { sessionId }),
  });
  const planned = recording.data?.planned ?? false;
  const firstSegment = Math.max(-1, ...(recording.data?.segments.map((s) => s.segment) ?? [])) + 1;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RecorderStatus | null>(null);
  const recorderRef = useRef<VoiceRecorder | null>(null);
  const meter = useRef<HTMLSpanElement | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  // Read once when recording starts: a refetch (a new firstSegment) must not restart the recording.
  const firstSegmentRef = useRef(firstSegment);
  firstSegmentRef.current = firstSegment;

  useEffect(() => {
    if (!planned) return;
    const recorder = new VoiceRecorder(sessionId, firstSegmentRef.current);
    recorderRef.current = recorder;
    recorder.onChange(setStatus);
    setStatus(recorder.status);
    void recorder.start(pausedRef.current);
    // The level meter draws straight into the DOM: no React render per frame.
    const buffer = new Uint8Array(512);
    let frame = requestAnimationFrame(function draw() {
      const level = recorder.status.state.kind === 'recording' ? recorder.level(buffer) : 0;
      meter.current?.style.setProperty('--level', level.toFixed(3));
      frame = requestAnimationFrame(draw);
    });
    return () => {
      cancelAnimationFrame(frame);
      recorder.detach();
      recorderRef.current = null;
      void recorder.stop().then(() => queryClient.invalidateQueries({ queryKey: voiceKeys.all() }));
    };
  }, [planned, sessionId, queryClient]);

  useEffect(() => {
    if (paused) recorderRef.current?.pause();
    else recorderRef.current?.resume();
  }, [paused]);

  if (!planned || !status) return null;
  const { state } = status;
  if (state.kind === 'unavailable')
    return (
      <span
        className="voice-indicator off"
        role="status"
        data-testid="voice-indicator"
        data-state="unavailable"
      >
        {state.message}
      </span>
    );
  const label =
    state.kind === 'recording'
      ? 'Recording'
      : state.kind === 'paused'
        ? 'Recording paused'
        : 'Starting the microphone…';
  return (
    <span
      className={`voice-indicator ${state.kind}`}
      role="status"
      data-testid="voice-indicator"
      data-state={state.kind}
      data-chunks-sent={status.chunksSent}
      data-pending={status.pending}
      title={status.uploadError ? `Audio not saved yet: ${status.uploadError} Trying again.` : undefined}
    >
      <span className="voice-dot" aria-hidden="true" />
      {label}
      <span className="voice-meter" ref={meter} aria-hidden="true" />
      {status.uploadError && (
        <span className="voice-unsaved">
          · {status.pending} {status.pending === 1 ? 'chunk' : 'chunks'} not saved yet
        </span>
      )}
    </span>
  );
}
