import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/api/sessions';
import type { VoiceRecording } from '../../../shared/api/voice';
import { formatClock } from '../../../shared/domain/timer';
import { lineAt, segmentAt } from '../../../shared/domain/voiceTimeline';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';
import { downloadBlob } from '../components/files';
import type { WhiteboardHandle } from '../interview/Whiteboard';
import { Replay, type ReplayAxis } from '../review/Replay';
import { TIMESLICE_MS } from './recorder';
import { VoiceTranscript } from './VoiceTranscript';
import './voice.css';

export const SPEEDS = [1, 1.5, 2] as const;

function base64ToBlob(base64: string, mimeType: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}

/**
 * The session page's whiteboard section: the board replay alone, or — when the interview was
 * recorded — the board, the voice, the phase markers and the transcript on one timeline.
 */
export function VoiceReplay({
  session,
  onBoard,
  track,
}: {
  session: SessionState;
  onBoard?: (h: WhiteboardHandle) => void;
  /** A row drawn under the phase markers on the same time axis (see Replay). */
  track?: (axis: ReplayAxis) => ReactNode;
}) {
  const recording = useQuery({
    queryKey: voiceKeys.recording(session.id),
    queryFn: () => call('voice.get', { sessionId: session.id }),
  });
  const rec = recording.data;
  if (!rec || rec.segments.length === 0)
    return (
      <>
        <Replay session={session} onBoard={onBoard} track={track} />
        {rec?.planned && session.status === 'ended' && (
          <p className="muted small-print" data-testid="voice-none">
            Recording was turned on, but no audio reached your data (the microphone may not have been
            allowed).
          </p>
        )}
      </>
    );
  return <SyncedPlayback session={session} rec={rec} onBoard={onBoard} track={track} />;
}

function SyncedPlayback({
  session,
  rec,
  onBoard,
  track,
}: {
  session: SessionState;
  rec: VoiceRecording;
  onBoard?: (h: WhiteboardHandle) => void;
  track?: (axis: ReplayAxis) => ReactNode;
}) {
  const segments = rec.segments;
  const audios = useQueries({
    queries: segments.map((s) => ({
      queryKey: [...voiceKeys.recording(session.id), 'audio', s.segment, s.sizeBytes],
      queryFn: () => call('voice.audio', { sessionId: session.id, segment: s.segment }),
      staleTime: Infinity,
    })),
  });
  // The blobs change only when an answer arrives (useQueries returns a new array every render).
  const answered = audios.map((a) => a.dataUpdatedAt).join();
  const blobs = useMemo(
    () => audios.map((a) => (a.data ? base64ToBlob(a.data.base64, a.data.mimeType) : null)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [answered],
  );
  const urls = useMemo(() => blobs.map((b) => (b ? URL.createObjectURL(b) : null)), [blobs]);
  useEffect(() => () => urls.forEach((u) => u && URL.revokeObjectURL(u)), [urls]);
  const audioError = audios.find((a) => a.error)?.error as Error | undefined;

  const start = session.createdAtMs;
  const endMs = Math.max(session.endedAtMs ?? session.updatedAtMs, ...segments.map((s) => s.endedAtMs));
  const [atMs, setAtMs] = useState(segments[0]!.startedAtMs);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [audioMs, setAudioMs] = useState(0);
  const audio = useRef<HTMLAudioElement | null>(null);
  const loaded = useRef<number | null>(null);
  const atRef = useRef(atMs);
  atRef.current = atMs;

  /** Puts the audio element where the timeline is: the right segment, the right moment. */
  const place = useCallback(
    (to: number, play: boolean) => {
      const el = audio.current;
      if (!el) return;
      const hit = segmentAt(segments, to);
      if (!hit) {
        el.pause();
        return;
      }
      const i = segments.indexOf(hit.segment);
      const url = urls[i];
      if (!url) return;
      if (loaded.current !== hit.segment.segment) {
        el.src = url;
        loaded.current = hit.segment.segment;
      }
      el.currentTime = hit.audioMs / 1000;
      setAudioMs(Math.round(hit.audioMs));
      if (play) void el.play().catch(() => setPlaying(false));
      else el.pause();
    },
    [segments, urls],
  );

  const seek = useCallback(
    (to: number) => {
      const clamped = Math.min(endMs, Math.max(start, to));
      setAtMs(clamped);
      place(clamped, playing);
    },
    [endMs, start, place, playing],
  );

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  // Playing: the audio's own position drives the timeline while a segment plays; between segments
  // (a pause in the interview) the timeline runs on at the chosen speed until the next one.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const el = audio.current;
      const dt = now - last;
      last = now;
      const current = segmentAt(segments, atRef.current);
      let next: number;
      if (el && current && loaded.current === current.segment.segment && !el.paused && !el.ended) {
        next = current.segment.startedAtMs + el.currentTime * 1000;
        setAudioMs(Math.round(el.currentTime * 1000));
        // The recorded stream ran out before the segment's recorded end: move on through the gap.
        if (next < atRef.current) next = atRef.current + dt * speed;
      } else {
        next = atRef.current + dt * speed;
        const entering = segmentAt(segments, next);
        if (entering && (loaded.current !== entering.segment.segment || el?.paused)) place(next, true);
      }
      if (next >= endMs) {
        setAtMs(endMs);
        setPlaying(false);
        el?.pause();
        return;
      }
      setAtMs(next);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, segments, speed, endMs, place]);

  function togglePlay() {
    if (playing) {
      audio.current?.pause();
      setPlaying(false);
      return;
    }
    const from = atMs >= endMs ? segments[0]!.startedAtMs : atMs;
    setAtMs(from);
    place(from, true);
    setPlaying(true);
  }

  function download() {
    blobs.forEach((blob, i) => {
      if (!blob) return;
      const part = blobs.length > 1 ? `-part${i + 1}` : '';
      downloadBlob(`${session.problemId}-${session.id.slice(0, 8)}-voice${part}.webm`, blob);
    });
  }

  const missing = rec.gaps.reduce((n, g) => n + g.missing.length, 0);
  const ready = urls.every((u) => u !== null);
  const controls = (
    <div className="voice-player" data-testid="voice-player">
      <button
        type="button"
        className="btn replay-play"
        onClick={togglePlay}
        disabled={!ready}
        data-testid="voice-play"
        data-playing={playing}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <div className="voice-speed" role="group" aria-label="Playback speed">
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={speed === s}
            onClick={() => setSpeed(s)}
            data-testid={`voice-speed-${s}`}
          >
            {s}×
          </button>
        ))}
      </div>
      <span
        className="muted small-print"
        data-testid="voice-position"
        data-at-ms={Math.round(atMs - start)}
        data-audio-ms={audioMs}
        aria-live="off"
      >
        {formatClock(atMs - start)} / {formatClock(endMs - start)}
      </span>
      <button type="button" className="btn" onClick={download} disabled={!ready} data-testid="voice-download">
        Download audio
      </button>
    </div>
  );

  const lines = rec.transcript?.lines ?? [];
  const drawn = !!session.scene && session.scene.elementCount > 0;
  return (
    <div className="voice-replay" data-testid="voice-replay">
      <audio ref={audio} preload="auto" />
      {drawn ? (
        <Replay
          session={session}
          onBoard={onBoard}
          track={track}
          follow={{ atMs, onSeek: seek, controls, endMs }}
        />
      ) : (
        <>
          {controls}
          <input
            type="range"
            className="voice-slider"
            min={0}
            max={Math.max(1, endMs - start)}
            value={Math.round(atMs - start)}
            onChange={(e) => seek(start + Number(e.target.value))}
            aria-label="Play back the recording"
            aria-valuetext={`${formatClock(atMs - start)} in`}
            data-testid="voice-slider"
            style={{ width: '100%' }}
          />
          <p className="muted small-print">Nothing was drawn in this session.</p>
        </>
      )}
      {audioError && (
        <div className="notice bad">The recording could not be loaded: {audioError.message}</div>
      )}
      {missing > 0 && (
        <p className="notice warn voice-notes" data-testid="voice-gaps">
          About {Math.round((missing * TIMESLICE_MS) / 1000)} s of the recording never reached your data (the
          app could not save it in time), so playback skips {missing === 1 ? 'that moment' : 'those moments'}.
          {rec.gaps.some((g) => g.headerMissing) && ' One part lost its beginning and cannot be played.'}
        </p>
      )}
      <VoiceTranscript session={session} rec={rec} current={lineAt(lines, atMs)} onSeek={(to) => seek(to)} />
    </div>
  );
}
