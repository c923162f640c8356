import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/api/sessions';
import type { VoiceRecording } from '../../../shared/api/voice';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';

/** Splits `text` around case-insensitive matches of `query`, marking the matches. */
function highlight(text: string, query: string) {
  const q = query.trim().toLowerCase();
  if (!q) return text;
  const out: ReactNode[] = [];
  let from = 0;
  const lower = text.toLowerCase();
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, from)) {
    out.push(text.slice(from, i), <mark key={i}>{text.slice(i, i + q.length)}</mark>);
    from = i + q.length;
  }
  out.push(text.slice(from));
  return out;
}

/**
 * The recording's transcript: each line at its moment (click to hear it), the line being said kept
 * in view while playing, and a search that narrows the lines to those with the words.
 */
export function VoiceTranscript({
  session,
  rec,
  current,
  onSeek,
}: {
  session: SessionState;
  rec: VoiceRecording;
  current: number;
  onSeek: (atMs: number) => void;
}) {
  const [query, setQuery] = useState('');
  const list = useRef<HTMLOListElement | null>(null);
  const transcript = rec.transcript;

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>(`[data-line="${current}"]`);
    const box = list.current;
    // Scroll the list itself (never the page) so the line being said stays in view.
    if (el && box) {
      const top = el.offsetTop - box.offsetTop;
      if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight)
        box.scrollTop = top - box.clientHeight / 3;
    }
  }, [current]);

  const queryClient = useQueryClient();
  const setup = useQuery({
    queryKey: voiceKeys.transcription(),
    queryFn: () => call('voice.transcription', {}),
  });
  const run = useMutation({
    mutationFn: () => call('voice.transcribe', { sessionId: rec.sessionId }),
    onSuccess: async (next) => {
      queryClient.setQueryData(voiceKeys.recording(rec.sessionId), next);
      await queryClient.invalidateQueries({ queryKey: voiceKeys.usage() });
    },
  });
  const failure = run.isError ? (run.error as Error).message : rec.transcribeError;
  const action = setup.data?.configured && session.status === 'ended' && (
    <button
      type="button"
      className="btn"
      onClick={() => run.mutate()}
      disabled={run.isPending}
      data-testid="voice-transcribe"
    >
      {run.isPending
        ? 'Transcribing…'
        : failure
          ? 'Try again'
          : transcript
            ? 'Transcribe again'
            : 'Transcribe'}
    </button>
  );
  const status = (
    <>
      {failure && (
        <div className="notice bad voice-notes" role="alert" data-testid="voice-transcribe-error">
          The transcript was not made: {failure}
        </div>
      )}
      {setup.data && !setup.data.configured && !transcript && (
        <p className="muted small-print" data-testid="voice-needs-endpoint">
          Transcription needs an OpenAI-compatible endpoint (OpenAI, or a local speech server). Set one up in{' '}
          <a href="#/settings">Settings → AI</a>; the recording is kept meanwhile.
        </p>
      )}
    </>
  );

  if (!transcript)
    return (
      <div className="voice-transcript" data-testid="voice-transcript">
        {action && (
          <div className="row">
            {action}
            <span className="muted small-print">
              Sends the recording to your endpoint with the model {setup.data?.model}.
            </span>
          </div>
        )}
        {status}
      </div>
    );
  const q = query.trim().toLowerCase();
  const shown = transcript.lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => !q || line.text.toLowerCase().includes(q));
  return (
    <div className="voice-transcript" data-testid="voice-transcript">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 style={{ margin: 0 }}>What you said</h3>
        <input
          type="search"
          placeholder="Search the transcript"
          aria-label="Search the transcript"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="voice-transcript-search"
        />
      </div>
      <ol className="voice-transcript-lines" ref={list} aria-label="Transcript lines">
        {shown.map(({ line, i }) => (
          <li key={i} className={i === current ? 'current' : undefined} data-line={i}>
            <button
              type="button"
              onClick={() => onSeek(line.atMs)}
              aria-current={i === current ? 'true' : undefined}
            >
              <span className="voice-at">{formatClock(line.atMs - session.createdAtMs)}</span>
              <span>{highlight(line.text, query)}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No line has “{query.trim()}”.</li>}
      </ol>
      <div className="row voice-notes">
        <span className="muted small-print">Transcribed by {transcript.model}. Click a line to hear it.</span>
        {action}
      </div>
      {status}
    </div>
  );
}
