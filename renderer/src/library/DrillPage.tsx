import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { pendingOrError } from '../components/ErrorPanel';
import { LinkChips } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { BulletList, Section } from '../components/Sections';
import { EstimatesTable } from '../components/EstimatesTable';
import { Countdown } from '../components/Countdown';
import { ScratchpadPanel } from '../interview/panels';
import './library.css';

/**
 * A drill's scratchpad is practice, not a record: it is kept in this browser (per drill) so that
 * leaving for a concept and coming back keeps the working, and never goes into history.
 */
function useDrillScratch(id: string): [string, (text: string) => void] {
  const key = `tradeoff.drill-scratch.${id}`;
  const [text, setText] = useState(() => {
    try {
      return localStorage.getItem(key) ?? '';
    } catch {
      return ''; // storage refused (private mode): the scratchpad still works for this visit
    }
  });
  const update = (next: string) => {
    setText(next);
    try {
      if (next) localStorage.setItem(key, next);
      else localStorage.removeItem(key);
    } catch {
      // storage full or refused: keep the text on screen only
    }
  };
  return [text, update];
}
import { count } from '../components/words';

export default function DrillPage({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['drill.get', id], queryFn: () => call('drill.get', { id }) });
  const [revealed, setRevealed] = useState(false);
  const [scratch, setScratch] = useDrillScratch(id);
  const waiting = pendingOrError(detail);
  if (waiting) return waiting;
  const { drill: d, concepts, problems } = detail.data!; // pendingOrError returned null, so the data is here
  return (
    <article className="page" data-testid="drill-page">
      <p className="muted">
        <a href="#/library">Library</a> › Warm-up drill
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
      <Section title="Scratchpad">
        <div className="drill-scratch" data-testid="drill-scratchpad">
          <ScratchpadPanel text={scratch} onChange={(text) => setScratch(text)} />
        </div>
      </Section>
      <Section title="Reference points">
        {revealed ? (
          <>
            <BulletList items={d.referencePoints} />
            {d.estimates && <EstimatesTable derived={d.estimates.derived} />}
          </>
        ) : (
          <div className="notice">
            <p style={{ marginTop: 0 }}>Give yourself {count(d.timeBoxMin, 'minute')}, then compare.</p>
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
