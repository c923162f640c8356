import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { LinkChips } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { BulletList, Section, formatNumber } from '../components/Sections';
import { Countdown } from '../components/Countdown';

export default function DrillPage({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['drill.get', id], queryFn: () => call('drill.get', { id }) });
  const [revealed, setRevealed] = useState(false);
  if (detail.isPending) return <div className="page muted">Loading…</div>;
  if (detail.isError) {
    return (
      <div className="page">
        <QueryError error={detail.error} />
      </div>
    );
  }
  const { drill: d, concepts, problems } = detail.data;
  return (
    <article className="page" data-testid="drill-page">
      <p className="muted">
        <a href="#/">Library</a> › Warm-up drill
      </p>
      <h1>{d.title}</h1>
      <div className="meta">
        <span className="badge kind cap">{d.kind.replace('-', ' ')}</span>
        <span className="badge">{d.timeBoxMin} min</span>
      </div>
      <div className="prompt">
        <Markdown>{d.prompt}</Markdown>
      </div>
      <Countdown
        minutes={d.timeBoxMin}
        label={`Start the ${d.timeBoxMin}-minute timer`}
        onDone={() => setRevealed(true)}
      />
      <Section title="Work through it">
        <ol>
          {d.steps.map((s, i) => (
            <li key={i}>
              <Markdown inline>{s}</Markdown>
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Reference points">
        {revealed ? (
          <>
            <BulletList items={d.referencePoints} />
            {d.estimates && (
              <table>
                <thead>
                  <tr>
                    <th>Figure</th>
                    <th>Value</th>
                    <th>How</th>
                  </tr>
                </thead>
                <tbody>
                  {d.estimates.derived.map((f) => (
                    <tr key={f.id}>
                      <td>{f.label}</td>
                      <td>
                        <strong>{formatNumber(f.value)}</strong> {f.unit}
                      </td>
                      <td>
                        <code>{f.formula}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : (
          <div className="notice">
            <p style={{ marginTop: 0 }}>Give yourself {d.timeBoxMin} minutes, then compare.</p>
            <button className="btn" onClick={() => setRevealed(true)}>
              Show the reference points
            </button>
          </div>
        )}
      </Section>
      <Section title="Related">
        <LinkChips refs={[...concepts, ...problems]} empty="No linked items." />
      </Section>
    </article>
  );
}
