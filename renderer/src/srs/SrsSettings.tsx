import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SrsSettings as Settings } from '../../../shared/api/srs';
import { call } from '../api/client';
import { srsChanged, srsKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import './srs.css';

function WholeNumber(props: {
  label: string;
  min: number;
  max: number;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) =>
          props.onChange(Math.min(props.max, Math.max(props.min, Math.floor(e.target.valueAsNumber || 0))))
        }
      />
    </label>
  );
}

/** The spaced-repetition part of Settings: desired retention, daily limits and suspended cards. */
export function SrsSettings() {
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: srsKeys.settings(), queryFn: () => call('srs.settings', {}) });
  const suspended = useQuery({ queryKey: srsKeys.suspended(), queryFn: () => call('srs.suspended', {}) });
  const [form, setForm] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (saved.data && !form) setForm(saved.data);
  }, [saved.data, form]);

  async function save() {
    if (!form) return;
    setMessage(null);
    try {
      const out = await call('srs.saveSettings', form);
      queryClient.setQueryData(srsKeys.settings(), out);
      await srsChanged(queryClient);
      setMessage({ ok: true, text: 'Saved. New reviews use these settings.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  }

  async function unsuspend(cardId: string) {
    setMessage(null);
    try {
      await call('srs.suspend', { cardId, suspended: false });
      await srsChanged(queryClient);
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  }

  const changed = form && saved.data && JSON.stringify(form) !== JSON.stringify(saved.data);
  return (
    <section className="section srs-settings" aria-labelledby="srs-settings-title" data-testid="srs-settings">
      <h2 id="srs-settings-title">Spaced repetition</h2>
      <p className="muted">
        Cards come back when you are about to forget them. A higher retention brings them back sooner: more
        reviews, fewer lapses.
      </p>
      {saved.isError && <QueryError error={saved.error} />}
      {form && (
        <div className="srs-form">
          <label>
            <span>Desired retention</span>
            <span className="row">
              <input
                type="range"
                min={70}
                max={97}
                step={1}
                value={Math.round(form.desiredRetention * 100)}
                onChange={(e) => setForm({ ...form, desiredRetention: e.target.valueAsNumber / 100 })}
                aria-valuetext={`${Math.round(form.desiredRetention * 100)}%`}
              />
              <strong>{Math.round(form.desiredRetention * 100)}%</strong>
            </span>
          </label>
          <WholeNumber
            label="New cards per day"
            min={0}
            max={500}
            value={form.newPerDay}
            onChange={(newPerDay) => setForm({ ...form, newPerDay })}
          />
          <WholeNumber
            label="Maximum reviews per day"
            min={1}
            max={5000}
            value={form.maxReviewsPerDay}
            onChange={(maxReviewsPerDay) => setForm({ ...form, maxReviewsPerDay })}
          />
          <div className="row">
            <button className="btn primary" onClick={() => void save()} disabled={!changed}>
              Save
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <h3>Suspended cards</h3>
      {suspended.data?.length === 0 && (
        <p className="muted">None. Suspend a card from its review to set it aside.</p>
      )}
      {suspended.data && suspended.data.length > 0 && (
        <ul className="suspended-list">
          {suspended.data.map((c) => (
            <li key={c.id}>
              <span>
                <span className="badge kind">{c.deckTitle}</span> {c.title}
              </span>
              <button className="btn" onClick={() => void unsuspend(c.id)}>
                Unsuspend
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
