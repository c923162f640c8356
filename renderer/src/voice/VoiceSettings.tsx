import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { voiceKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import { formatSize } from '../components/files';
import './voice.css';

/**
 * Settings → Voice recordings: the space they take, and deleting one interview's recording or all
 * of them (the data file shrinks by as much).
 */
export function VoiceSettings() {
  const queryClient = useQueryClient();
  const usage = useQuery({ queryKey: voiceKeys.usage(), queryFn: () => call('voice.usage', {}) });
  const [freed, setFreed] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const remove = useMutation({
    mutationFn: (sessionId?: string) => call('voice.delete', sessionId ? { sessionId } : {}),
    onSuccess: async (out) => {
      const saved = Math.max(0, out.dataFileBytesBefore - out.dataFileBytesAfter);
      setFreed(
        `Deleted ${formatSize(out.deletedBytes)} of audio; your data file is now ${formatSize(out.dataFileBytesAfter)} (${formatSize(saved)} smaller).`,
      );
      setConfirmAll(false);
      await queryClient.invalidateQueries({ queryKey: voiceKeys.all() });
    },
  });
  const data = usage.data;
  return (
    <section className="section voice-usage" data-testid="voice-settings">
      <h2>Voice recordings</h2>
      <p className="muted">
        Recordings are kept inside your data file, so a backup carries them and a restore brings them back.
        Deleting one frees its space on the disk.
      </p>
      {usage.isError && <QueryError error={usage.error} />}
      {data && (
        <p data-testid="voice-space">
          {data.sessions.length === 0
            ? 'No recordings.'
            : `${data.sessions.length} ${data.sessions.length === 1 ? 'recording uses' : 'recordings use'} ${formatSize(data.totalBytes)} of your ${formatSize(data.dataFileBytes)} data file.`}
        </p>
      )}
      {data && data.sessions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Interview</th>
              <th>Length</th>
              <th className="size">Size</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr key={s.sessionId} data-testid="voice-usage-row">
                <td>
                  <a href={`#/session/${s.sessionId}/review`}>{s.problemTitle}</a>{' '}
                  <span className="muted small-print">
                    {format(new Date(s.createdAtMs), 'd MMM yyyy, HH:mm')}
                  </span>
                </td>
                <td>{formatClock(s.durationMs)}</td>
                <td className="size">{formatSize(s.sizeBytes)}</td>
                <td>
                  <button
                    className="btn danger"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(s.sessionId)}
                    aria-label={`Delete the recording of ${s.problemTitle}, ${format(new Date(s.createdAtMs), 'd MMM HH:mm')}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.sessions.length > 1 && (
        <div className="row" style={{ marginTop: 8 }}>
          {confirmAll ? (
            <>
              <span>Delete all {data.sessions.length} recordings and their transcripts?</span>
              <button
                className="btn danger"
                onClick={() => remove.mutate(undefined)}
                disabled={remove.isPending}
              >
                Delete all
              </button>
              <button className="btn" onClick={() => setConfirmAll(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button className="btn" onClick={() => setConfirmAll(true)} data-testid="voice-delete-all">
              Delete all recordings…
            </button>
          )}
        </div>
      )}
      {remove.isError && <div className="notice bad">{(remove.error as Error).message}</div>}
      <TranscriptionModel />
      {freed && (
        <p className="notice ok" role="status" data-testid="voice-freed">
          {freed}
        </p>
      )}
    </section>
  );
}

/** The speech model transcription asks the endpoint of Settings → AI for. */
function TranscriptionModel() {
  const queryClient = useQueryClient();
  const setup = useQuery({
    queryKey: voiceKeys.transcription(),
    queryFn: () => call('voice.transcription', {}),
  });
  const [model, setModel] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (m: string) => call('voice.setTranscriptionModel', { model: m }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voiceKeys.transcription() }),
  });
  if (!setup.data) return null;
  const value = model ?? setup.data.model;
  return (
    <form
      className="row voice-notes"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) save.mutate(value.trim());
      }}
    >
      <label className="row" style={{ gap: 8 }}>
        Transcription model
        <input value={value} onChange={(e) => setModel(e.target.value)} data-testid="voice-model" />
      </label>
      <button
        className="btn"
        type="submit"
        disabled={save.isPending || !value.trim() || value === setup.data.model}
      >
        Save
      </button>
      <span className="muted small-print">
        {setup.data.configured
          ? 'Sent to the endpoint set up under AI (whisper-1 on OpenAI; a local server names its own).'
          : 'Transcription needs an endpoint: set one up under AI first.'}
      </span>
      {save.isError && <span className="notice bad">{(save.error as Error).message}</span>}
    </form>
  );
}
