import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ScratchLine, TranscriptEntry } from '../../../shared/api/sessions';
import { PHASE_IDS, type PhaseId } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { CHEAT_SHEET } from '../../../shared/domain/cheatSheet';
import { useScratchpadEngine } from './scratchpadEngine';

const NOTE_HINTS: Record<PhaseId, string> = {
  clarify:
    'Requirements you confirmed, scope, what is out.\n- Functional: …\n- Non-functional: …\n- Assumptions: …',
  estimate: 'Assumptions and the figures that follow (use the Estimates tab to compute).',
  design: 'Components, the API, the data model.\n- POST /… →\n- Tables / keys: …',
  'deep-dive': 'The component you went deep on: how it works, where it breaks.',
  tradeoffs: 'Decisions, the alternatives, and when you would revisit them.',
};

export function NotesPanel({
  notes,
  current,
  onChange,
  textareaRef,
}: {
  notes: Record<PhaseId, string>;
  current: PhaseId;
  onChange: (phase: PhaseId, text: string) => void;
  textareaRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const [shown, setShown] = useState<PhaseId>(current);
  useEffect(() => {
    setShown(current);
  }, [current]);
  return (
    <div className="panel-body notes-panel">
      <div className="tabs small" role="tablist" aria-label="Notes for phase">
        {PHASE_IDS.map((p) => (
          <button key={p} role="tab" className="tab" aria-selected={shown === p} onClick={() => setShown(p)}>
            {PHASE_LABELS[p]}
            {notes[p].trim() && <span className="dot" aria-label="has notes" />}
          </button>
        ))}
      </div>
      <textarea
        ref={textareaRef}
        className="notes-text"
        aria-label={`Notes: ${PHASE_LABELS[shown]}`}
        data-testid="notes"
        placeholder={NOTE_HINTS[shown]}
        value={notes[shown]}
        onChange={(e) => onChange(shown, e.target.value)}
        spellCheck
      />
      <p className="muted small-print">Markdown works here. Notes save as you type.</p>
    </div>
  );
}

export function ScratchpadPanel({
  text,
  onChange,
}: {
  text: string;
  /** `results` is null in the first moments, while the engine is still loading. */
  onChange: (text: string, results: ScratchLine[] | null) => void;
}) {
  const evaluate = useScratchpadEngine();
  const results = useMemo(() => (evaluate ? evaluate(text) : []), [evaluate, text]);
  return (
    <div className="panel-body scratch-panel">
      <div className="scratch">
        <textarea
          className="scratch-input"
          aria-label="Estimation scratchpad"
          data-testid="scratchpad"
          value={text}
          placeholder={'100M / day to 1/s\n182.5e9 * 600 B to TB\nwrites = 100M / day'}
          onChange={(e) => onChange(e.target.value, evaluate ? evaluate(e.target.value) : null)}
          spellCheck={false}
          wrap="off"
        />
        <div className="scratch-results" aria-live="polite" data-testid="scratch-results">
          {results.map((r) => (
            <div key={r.line} className={`scratch-line${r.error ? ' error' : ''}`} title={r.error ?? ''}>
              {r.error ? '⚠ ' + r.error : r.output ? `= ${r.output}` : ' '}
            </div>
          ))}
        </div>
      </div>
      <p className="muted small-print">
        Units work: <code>B</code>, <code>kB</code>, <code>GB</code>, <code>TB</code>, <code>s</code>,{' '}
        <code>day</code>… Write
        <code>100M</code> for a hundred million (no space); <code>600 B</code> is bytes. Name a line (
        <code>x = …</code>) to reuse it.
      </p>
      <details className="cheat" open>
        <summary>Numbers to know</summary>
        <table>
          <tbody>
            {CHEAT_SHEET.map((c) => (
              <tr key={c.label}>
                <td>{c.label}</td>
                <td>
                  <strong>{c.value}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

export function InterviewerPanel({
  transcript,
  disabled,
  onAsk,
  inputRef,
  after,
  tagFor,
}: {
  transcript: TranscriptEntry[];
  disabled: boolean;
  onAsk: (question: string) => Promise<void>;
  inputRef: React.RefObject<HTMLInputElement | null>;
  /** Shown under the transcript (the AI interviewer's streaming reply). */
  after?: ReactNode;
  /** A mark on an entry (the AI interviewer's model). */
  tagFor?: (t: TranscriptEntry) => ReactNode;
}) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The newest entry in view: only the transcript scrolls (never the page around it), and at the
    // next frame, when the browser lays the page out anyway, rather than forcing a layout now.
    const frame = requestAnimationFrame(() => {
      const el = box.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [transcript.length]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const question = draft.trim();
    if (!question) return;
    setBusy(true);
    setError(null);
    try {
      await onAsk(question);
      setDraft('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel-body interviewer-panel">
      <div className="transcript" data-testid="transcript" ref={box}>
        {transcript.map((t) => (
          <div key={t.id} className={`bubble ${t.role} ${t.kind}`} data-kind={t.kind}>
            {t.kind === 'follow-up' && <div className="bubble-tag">Follow-up</div>}
            {t.kind === 'mutation' && <div className="bubble-tag">Constraint change</div>}
            {tagFor?.(t)}
            {t.text}
          </div>
        ))}
        {after}
      </div>
      <form className="ask" onSubmit={(e) => void submit(e)}>
        <input
          ref={inputRef}
          aria-label="Ask the interviewer"
          data-testid="ask-input"
          placeholder={disabled ? 'The interview has ended' : 'Ask a clarifying question…'}
          value={draft}
          disabled={disabled || busy}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={2000}
        />
        <button className="btn primary" disabled={disabled || busy || !draft.trim()}>
          Ask
        </button>
      </form>
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}
