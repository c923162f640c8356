import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { pendingOrError } from '../components/ErrorPanel';
import { LinkChips } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { BulletList, FollowUpList, Section } from '../components/Sections';
import { count } from '../components/words';

export default function ConceptPage({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['concept.get', id], queryFn: () => call('concept.get', { id }) });
  const waiting = pendingOrError(detail);
  if (waiting) return waiting;
  const { concept: c, problems, labs, linkedFrom } = detail.data!; // pendingOrError returned null, so the data is here
  const others = linkedFrom.filter((ref) => !problems.some((p) => p.id === ref.id && ref.kind === 'problem'));
  return (
    <article className="page" data-testid="concept-page">
      <p className="muted">
        <a href="#/library">Library</a> › Concept {String(c.number).padStart(2, '0')}
      </p>
      <h1>{c.title}</h1>
      <div className="meta">
        <span className="badge kind cap">{c.category}</span>
        <span className="badge">{count(c.questions.length, 'question')}</span>
      </div>
      <Markdown>{c.summary}</Markdown>
      <div className="notice ok">
        <strong>Tip: </strong>
        <Markdown inline>{c.tip}</Markdown>
      </div>
      <Section title="Numbers worth knowing">
        <div className="figures">
          {c.keyFigures.map((f) => (
            <div className="card figure" key={f.label}>
              <div className="label">{f.label}</div>
              <div className="value">{f.value}</div>
              <Markdown>{f.meaning}</Markdown>
            </div>
          ))}
        </div>
      </Section>
      <Section title="Interview questions">
        {c.questions.map((q) => (
          <details className="qa" key={q.id}>
            <summary>{q.question}</summary>
            <h4>A 2-minute answer hits</h4>
            <BulletList items={q.answerPoints} />
            <h4>Going deeper</h4>
            <Markdown>{q.deepDive}</Markdown>
            <h4>Follow-ups to expect</h4>
            <FollowUpList items={q.followUps} />
            <div className="notice ok">
              <strong>Staff signal: </strong>
              <Markdown inline>{q.staffSignal}</Markdown>
            </div>
          </details>
        ))}
      </Section>
      {c.corrections.length > 0 && (
        <Section title="Common claims, corrected">
          {c.corrections.map((g) => (
            <div className="notice warn" key={g.claim} style={{ marginBottom: 8 }}>
              <Markdown>{`**Often said:** ${g.claim}`}</Markdown>
              <Markdown>{`**Actually:** ${g.correction}`}</Markdown>
            </div>
          ))}
        </Section>
      )}
      <Section title="Where it comes up">
        <LinkChips refs={[...problems, ...labs, ...others]} empty="Nothing links here yet." />
      </Section>
    </article>
  );
}
