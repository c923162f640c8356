/**
 * The conversational interviewer in the interview screen. Replies stream from the back end as
 * `ai.delta` events (IPC in the desktop app, server-sent events in the web shell) — the events the
 * contract already has, so no polling and no second transport — and end with `ai.done`, which
 * carries the saved transcript entry (the AI reply, or the offline interviewer's answer when the
 * model failed; then one line says what happened). Nothing here blocks the clock or the autosave:
 * the calls return at once and the stream arrives beside them.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AiMessageMeta } from '../../../shared/api/ai';
import type { TranscriptEntry } from '../../../shared/api/sessions';
import { call, onEvent } from '../api/client';
import { aiKeys } from '../api/keys';
import './ai.css';

/** Adds entries to a transcript once each, in the order the back end wrote them. */
export function mergeTranscript(transcript: TranscriptEntry[], added: TranscriptEntry[]): TranscriptEntry[] {
  const byId = new Map(transcript.map((t) => [t.id, t]));
  for (const t of added) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => (a.replyTo ?? a.id) - (b.replyTo ?? b.id) || a.id - b.id);
}

function newRequestId(): string {
  return crypto.randomUUID();
}

/** The start panel's switch; `apply` records the choice for the new session. */
export function useAiInterviewerChoice(): {
  element: ReactNode;
  apply: (sessionId: string) => Promise<void>;
} {
  const settings = useQuery({ queryKey: aiKeys.settings(), queryFn: () => call('ai.settings', {}) });
  const [on, setOn] = useState(false);
  const configured = settings.data?.configured ?? false;
  const element = (
    <div className="ai-choice" data-testid="ai-interviewer-choice">
      <label className="row" style={{ gap: 8 }}>
        <input
          type="checkbox"
          checked={on && configured}
          disabled={!configured}
          onChange={(e) => setOn(e.target.checked)}
          data-testid="ai-interviewer-switch"
        />
        Conversational AI interviewer{configured && settings.data ? ` (${settings.data.model})` : ''}
      </label>
      {!configured && settings.data && (
        <span className="muted small-print">
          Needs an endpoint: <Link href="/settings">Settings → AI</Link>. The offline interviewer is always
          there.
        </span>
      )}
    </div>
  );
  const apply = useCallback(
    async (sessionId: string) => {
      if (on && configured) await call('ai.setInterviewer', { sessionId, on: true });
    },
    [on, configured],
  );
  return { element, apply };
}

interface Streaming {
  requestId: string;
  text: string;
}

export interface AiInterviewer {
  on: boolean;
  model: string | null;
  ask: (question: string) => Promise<void>;
  /** The reply as it streams, and the one-line failure notice, shown under the transcript. */
  view: ReactNode;
  /** The "AI · model" mark on an entry the AI wrote. */
  tagFor: (t: TranscriptEntry) => ReactNode;
}

export function useAiInterviewer(
  sessionId: string,
  phase: string,
  addEntries: (entries: TranscriptEntry[]) => void,
): AiInterviewer {
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: aiKeys.session(sessionId),
    queryFn: () => call('ai.session', { sessionId }),
  });
  const settings = useQuery({ queryKey: aiKeys.settings(), queryFn: () => call('ai.settings', {}) });
  const on = info.data?.interviewer ?? false;
  const [streams, setStreams] = useState<Streaming[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const pending = useRef(new Set<string>());
  const add = useRef(addEntries);
  add.current = addEntries;

  // Subscribed for the screen's life, so the event stream is open before the first question.
  useEffect(() => {
    const offDelta = onEvent('ai.delta', (d) => {
      if (d.sessionId !== sessionId || !pending.current.has(d.requestId)) return;
      setStreams((all) =>
        all.map((s) => (s.requestId === d.requestId ? { ...s, text: s.text + d.text } : s)),
      );
    });
    const offDone = onEvent('ai.done', (d) => {
      if (d.sessionId !== sessionId || !pending.current.has(d.requestId)) return;
      pending.current.delete(d.requestId);
      setStreams((all) => all.filter((s) => s.requestId !== d.requestId));
      if (d.entry) add.current([d.entry]);
      setFailure(d.failure ? d.failure.message : null);
      void queryClient.invalidateQueries({ queryKey: aiKeys.session(sessionId) });
    });
    return () => {
      offDelta();
      offDone();
    };
  }, [sessionId, queryClient]);

  const startStream = (requestId: string) => {
    pending.current.add(requestId);
    setStreams((all) => [...all, { requestId, text: '' }]);
  };
  const dropStream = (requestId: string) => {
    pending.current.delete(requestId);
    setStreams((all) => all.filter((s) => s.requestId !== requestId));
  };

  const ask = useCallback(
    async (question: string) => {
      const requestId = newRequestId();
      setFailure(null);
      startStream(requestId);
      try {
        const { question: entry } = await call('ai.ask', { sessionId, requestId, question });
        add.current([entry]);
      } catch (e) {
        dropStream(requestId);
        throw e;
      }
    },
    [sessionId],
  );

  // At a phase change the AI interviewer probes what is on the board and in the notes.
  const lastPhase = useRef(phase);
  useEffect(() => {
    if (lastPhase.current === phase) return;
    lastPhase.current = phase;
    if (!on) return;
    const requestId = newRequestId();
    startStream(requestId);
    call('ai.probe', { sessionId, requestId }).then(
      (r) => {
        if (!r.started) dropStream(requestId);
      },
      (e: Error) => {
        dropStream(requestId);
        setFailure(e.message);
      },
    );
  }, [phase, on, sessionId]);

  const meta = useMemo(
    () => new Map<number, AiMessageMeta>((info.data?.messages ?? []).map((m) => [m.entryId, m])),
    [info.data],
  );
  const model = settings.data?.model || null;
  const tagFor = useCallback(
    (t: TranscriptEntry) => {
      const m = meta.get(t.id);
      if (!m) return null;
      return (
        <div className="ai-tag" title={`Prompt ${m.promptVersion}`} data-testid="ai-tag">
          AI · {m.model}
          {m.incomplete && ' · incomplete'}
        </div>
      );
    },
    [meta],
  );

  const view = (
    <>
      {streams.map((s) => (
        <div
          key={s.requestId}
          className="bubble interviewer ai-streaming"
          data-testid="ai-streaming"
          aria-busy="true"
        >
          <div className="ai-tag">AI · {model ?? 'model'} · replying…</div>
          {s.text || <span className="ai-dots" aria-label="waiting for the reply" />}
        </div>
      ))}
      {failure && (
        <p className="notice warn ai-line" role="status" data-testid="ai-line">
          {failure}
        </p>
      )}
    </>
  );
  return { on, model, ask, view, tagFor };
}
