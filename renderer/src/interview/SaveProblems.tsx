/**
 * What the interview says about saving: the header's status ("Not saved — …" until a save
 * succeeds), the banner after another window changed the interview, and the drafts the back end
 * kept from refused (stale) saves, so nothing typed is ever lost.
 */
import { useState } from 'react';
import type { SessionDraft } from '../../../shared/api/sessions';
import type { PhaseId } from '../../../shared/content/schema';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { canRetryByHand, type SaveStatus } from './saveQueue';
import { clockTime, count } from '../components/words';
import { useAfterIdle } from '../components/useAfterIdle';

export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  // The time of the last save joins "Saved" at the first idle moment, not in the screen's first frame.
  const showTime = useAfterIdle();
  if (status.state === 'retrying' || status.state === 'stopped') {
    return (
      <span
        className="save-status error"
        data-testid="save-status"
        data-state={status.state}
        data-code={status.code}
        role="status"
        title={status.message}
      >
        <span>Not saved — {status.reason}</span>
        {status.state === 'stopped' && canRetryByHand(status.code) && (
          <button className="btn small" onClick={onRetry} data-testid="save-retry">
            Try again
          </button>
        )}
      </span>
    );
  }
  const text =
    status.state === 'saved'
      ? status.atMs && showTime
        ? `Saved ${clockTime(status.atMs)}`
        : 'Saved'
      : 'Saving…';
  return (
    <span className={`save-status ${status.state}`} data-testid="save-status" data-state={status.state}>
      {text}
    </span>
  );
}

export function ConflictBanner({ onLoad }: { onLoad: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="banner error conflict" role="alert" data-testid="conflict-banner">
      <span>
        <strong>This interview was changed in another window.</strong> Your edits here were kept as a draft;
        load the newer version to carry on from it.
      </span>
      <button
        className="btn primary"
        disabled={busy}
        data-testid="load-newer"
        onClick={() => {
          setBusy(true);
          setError(null);
          onLoad().catch((e: unknown) => {
            setError((e as Error).message);
            setBusy(false);
          });
        }}
      >
        {busy ? 'Loading…' : 'Load the newer version'}
      </button>
      {error && <span>{error}</span>}
    </div>
  );
}

function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <button
      className="btn small"
      aria-label={`Copy ${what}`}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied === null ? 'Copy' : copied ? 'Copied' : 'Copy failed — select the text instead'}
    </button>
  );
}

export function DraftsPanel({
  drafts,
  onAddToNotes,
  onAddToScratchpad,
  onDismiss,
}: {
  drafts: SessionDraft[];
  onAddToNotes: (phase: PhaseId, text: string) => void;
  onAddToScratchpad: (text: string) => void;
  onDismiss: (draftId: number) => Promise<void>;
}) {
  const [added, setAdded] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  if (drafts.length === 0) return null;
  const mark = (key: string) => setAdded((s) => new Set(s).add(key));
  return (
    <section className="drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <h2 id="drafts-title">Kept from another window</h2>
      <p className="muted small-print">
        These edits were made in a window that was out of date, so they did not replace newer work. Take what
        you need, then dismiss them.
      </p>
      {error && <div className="notice bad">{error}</div>}
      {drafts.map((d) => (
        <article key={d.id} className="draft" data-testid="draft" aria-label={`Draft ${d.id}`}>
          <div className="draft-head">
            <span className="muted small-print">
              Kept {new Date(d.createdAtMs).toLocaleString()}
              {d.sceneElementCount !== null &&
                ` · its whiteboard had ${count(d.sceneElementCount, 'element')}`}
            </span>
            <button
              className="btn small"
              data-testid="draft-dismiss"
              onClick={() => {
                setError(null);
                onDismiss(d.id).catch((e: unknown) => setError((e as Error).message));
              }}
            >
              Dismiss
            </button>
          </div>
          {d.notes.map((n) => {
            const key = `${d.id}:${n.phase}`;
            return (
              <div key={n.phase} className="draft-item" data-phase={n.phase}>
                <div className="draft-item-head">
                  <strong>Notes · {PHASE_LABELS[n.phase]}</strong>
                  <CopyButton text={n.text} what={`${PHASE_LABELS[n.phase]} notes`} />
                  <button
                    className="btn small"
                    disabled={added.has(key)}
                    onClick={() => {
                      onAddToNotes(n.phase, n.text);
                      mark(key);
                    }}
                  >
                    {added.has(key) ? 'Added' : 'Add to my notes'}
                  </button>
                </div>
                <pre className="draft-text">{n.text || '(empty)'}</pre>
              </div>
            );
          })}
          {d.scratchpadText !== null && (
            <div className="draft-item" data-phase="scratchpad">
              <div className="draft-item-head">
                <strong>Estimates</strong>
                <CopyButton text={d.scratchpadText} what="estimates" />
                <button
                  className="btn small"
                  disabled={added.has(`${d.id}:scratch`)}
                  onClick={() => {
                    onAddToScratchpad(d.scratchpadText ?? '');
                    mark(`${d.id}:scratch`);
                  }}
                >
                  {added.has(`${d.id}:scratch`) ? 'Added' : 'Add to my estimates'}
                </button>
              </div>
              <pre className="draft-text">{d.scratchpadText || '(empty)'}</pre>
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
