import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DIMENSIONS, DEFAULT_PROFILE, profileProblems, type Weights } from '../../../shared/domain/rubric';
import { call, restoreBackup, saveBackup, transportName } from '../api/client';
import { ConfirmDialog } from '../components/Dialog';
import { QueryError } from '../components/ErrorPanel';
import { downloadBlob, formatSize } from '../components/files';
import { count } from '../components/words';
import { SrsSettings } from '../srs/SrsSettings';
import { VoiceSettings } from '../voice/VoiceSettings';
import { AiSettingsSection } from '../ai/AiSettings';

function ProfileEditor({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [weights, setWeights] = useState<Weights>({ ...DEFAULT_PROFILE.weights });
  const [error, setError] = useState<string | null>(null);
  const problems = profileProblems(weights);
  const total = DIMENSIONS.reduce((a, d) => a + (weights[d.id] || 0), 0);
  async function save() {
    try {
      await call('rubric.saveProfile', { name, weights });
      await queryClient.invalidateQueries({ queryKey: ['rubric.profiles'] });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="card" data-testid="profile-editor">
      <label className="row">
        Name{' '}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Staff loop"
          maxLength={80}
        />
      </label>
      <div className="weights">
        {DIMENSIONS.map((d) => (
          <label key={d.id} className="weight">
            <span>
              {d.short}{' '}
              <small className="muted">
                {d.minWeight}–{d.maxWeight}%
              </small>
            </span>
            <input
              type="number"
              min={d.minWeight}
              max={d.maxWeight}
              value={Number.isNaN(weights[d.id]) ? '' : weights[d.id]}
              aria-label={`${d.short} weight`}
              onChange={(e) => setWeights((w) => ({ ...w, [d.id]: e.target.valueAsNumber }))}
            />
          </label>
        ))}
      </div>
      <p className={problems.length ? 'notice warn' : 'muted'}>
        Total {Number.isNaN(total) ? '—' : total}%. {problems.join(' ')}
      </p>
      <div className="row">
        <button className="btn" onClick={onDone}>
          Cancel
        </button>
        <button
          className="btn primary"
          disabled={problems.length > 0 || !name.trim()}
          onClick={() => void save()}
        >
          Save profile
        </button>
      </div>
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}

function Backup() {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function backup() {
    setBusy(true);
    setMessage(null);
    try {
      const out = await saveBackup(downloadBlob);
      if (out.fileName === '') return; // the save dialog was closed
      const size = formatSize(out.sizeBytes);
      setMessage({
        kind: 'ok',
        text: out.savedTo
          ? `Backup saved to ${out.savedTo} (${size}). Keep it somewhere safe.`
          : `Backup ready: ${out.fileName} (${size}). Keep it somewhere safe.`,
      });
    } catch (e) {
      setMessage({ kind: 'bad', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  // The restore asks first, in a dialog: `undefined` while nothing is asked, `null` on the
  // desktop (its own file dialog comes after), or the file picked in the web shell.
  const [asking, setAsking] = useState<File | null | undefined>(undefined);

  function cancelRestore() {
    setAsking(undefined);
    if (input.current) input.current.value = '';
  }

  async function restore(file: File | null) {
    setAsking(undefined);
    setBusy(true);
    setMessage(null);
    try {
      const out = await restoreBackup(file);
      if (out.cancelled) return;
      await queryClient.invalidateQueries();
      setMessage({
        kind: 'ok',
        text: `Restored ${count(out.sessions, 'interview')} and ${count(out.scores, 'score')}. Your previous data was kept at ${out.previousDataKeptAt}.`,
      });
    } catch (e) {
      setMessage({ kind: 'bad', text: (e as Error).message });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className="card">
      <p style={{ marginTop: 0, marginBottom: 10 }}>
        One file holds everything: interviews, whiteboards, notes, scores, profiles and imported packs.
      </p>
      <div className="row">
        <button className="btn primary" onClick={() => void backup()} disabled={busy} data-testid="backup">
          Back up all data
        </button>
        <input
          ref={input}
          type="file"
          id="restore-file"
          className="sr-only"
          // Reached through the button below; named for anyone who meets it anyway.
          aria-label="Backup file to restore"
          tabIndex={-1}
          data-testid="restore-file"
          accept=".sqlite,.db,application/octet-stream"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) setAsking(f);
          }}
        />
        {transportName() === 'ipc' ? (
          // The desktop app picks the file in its own dialog and reads it directly, at any size.
          <button className="btn" onClick={() => setAsking(null)} disabled={busy}>
            Restore from a backup…
          </button>
        ) : (
          <button className="btn" onClick={() => input.current?.click()} disabled={busy}>
            Restore from a backup…
          </button>
        )}
      </div>
      <ConfirmDialog
        open={asking !== undefined}
        onOpenChange={(open) => {
          if (!open) cancelRestore();
        }}
        title="Replace all your data?"
        confirmLabel="Replace my data"
        danger
        onConfirm={() => void restore(asking ?? null)}
        testId="restore-dialog"
      >
        <p>
          Everything in Tradeoff is replaced with {asking ? `“${asking.name}”` : 'a backup you choose next'}.
          Your current data is kept beside it, renamed.
        </p>
      </ConfirmDialog>
      {message && (
        <div
          className={`notice ${message.kind}`}
          role={message.kind === 'bad' ? 'alert' : 'status'}
          data-testid="backup-message"
          style={{ marginTop: 10 }}
        >
          {message.text}
        </div>
      )}
    </div>
  );
}

export default function SettingsPage() {
  const queryClient = useQueryClient();
  const profiles = useQuery({ queryKey: ['rubric.profiles'], queryFn: () => call('rubric.profiles', {}) });
  const status = useQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: ['rubric.profiles'] });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="page">
      <h1>Settings</h1>
      <section className="section">
        <h2>Rubric profiles</h2>
        <p className="muted">
          How much each dimension counts. Weights stay within the ranges interviewers use and always add up to
          100%. The profile used is saved with each score.
        </p>
        {profiles.isError && <QueryError error={profiles.error} />}
        <table>
          <thead>
            <tr>
              <th>Profile</th>
              {DIMENSIONS.map((d) => (
                <th key={d.id}>{d.short}</th>
              ))}
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.data?.profiles.map((p) => (
              <tr key={p.id}>
                <td>
                  <strong>{p.name}</strong>{' '}
                  {p.id === profiles.data.defaultId && <span className="badge kind">Default</span>}
                </td>
                {DIMENSIONS.map((d) => (
                  <td key={d.id}>{p.weights[d.id]}%</td>
                ))}
                <td>
                  <div className="row" style={{ justifyContent: 'flex-end' }}>
                    {p.id !== profiles.data.defaultId && (
                      <button
                        className="btn"
                        onClick={() => void act(() => call('rubric.setDefault', { id: p.id }))}
                      >
                        Make default
                      </button>
                    )}
                    {!p.builtin && (
                      <button
                        className="btn danger"
                        onClick={() => void act(() => call('rubric.deleteProfile', { id: p.id }))}
                      >
                        Delete
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <div className="notice bad">{error}</div>}
        {adding ? (
          <ProfileEditor onDone={() => setAdding(false)} />
        ) : (
          <button className="btn" onClick={() => setAdding(true)}>
            New profile…
          </button>
        )}
      </section>
      <SrsSettings />
      <AiSettingsSection />
      <section className="section">
        <h2>Your data</h2>
        {status.data && (
          <p className="muted small-print">
            Stored in <code>{status.data.dbFile}</code>
          </p>
        )}
        <Backup />
      </section>
      <VoiceSettings />
    </div>
  );
}
