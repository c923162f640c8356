import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Problem } from '../../../shared/content/schema';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { pendingOrError } from '../components/ErrorPanel';
import { LinkChips, notListed } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { BulletList, FollowUpList, Section, formatNumber } from '../components/Sections';
import { EstimatesTable } from '../components/EstimatesTable';
import { StartPanel } from '../interview/StartPanel';
import './library.css';
import { count } from '../components/words';

/**
 * The plan as a bar: each phase as wide as its share of the time, but never narrower than its own
 * label (a 5-minute phase in a 45-minute plan would otherwise clip "Trade-offs"). Labels wrap to a
 * second line before they shrink.
 */
function PhaseBar({ problem }: { problem: Problem }) {
  const columns = PHASE_IDS.map((phase) => `minmax(max-content, ${problem.phaseBudgetsMin[phase]}fr)`);
  return (
    <ol
      className="phases phase-plan"
      aria-label="Phase budgets"
      data-testid="phase-plan"
      style={{ gridTemplateColumns: columns.join(' ') }}
    >
      {PHASE_IDS.map((phase) => {
        const minutes = problem.phaseBudgetsMin[phase];
        return (
          <li key={phase} className="phase">
            <span className="phase-name">{PHASE_LABELS[phase]}</span>
            <span className="phase-minutes">{minutes} min</span>
          </li>
        );
      })}
    </ol>
  );
}

function Reference({ problem: p }: { problem: Problem }) {
  return (
    <div data-testid="reference-answer">
      <Section title="Clarifying questions">
        {p.clarifyingQuestions.map((q, i) => (
          <details className="qa" key={i}>
            <summary>{q.phrasings[0]}</summary>
            <Markdown>{q.answer}</Markdown>
            {q.why && (
              <p className="muted">
                <strong>Why ask:</strong> <Markdown inline>{q.why}</Markdown>
              </p>
            )}
          </details>
        ))}
      </Section>
      <Section title="Requirements">
        <div className="two-col">
          <div>
            <h3>Functional</h3>
            <BulletList items={p.functionalRequirements} />
          </div>
          <div>
            <h3>Non-functional</h3>
            <BulletList items={p.nonFunctionalRequirements} />
          </div>
        </div>
      </Section>
      <Section title="Estimates">
        <table>
          <thead>
            <tr>
              <th>Assumption</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {p.estimates.assumptions.map((a) => (
              <tr key={a.id}>
                <td>{a.label}</td>
                <td>
                  {formatNumber(a.value)} {a.unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <EstimatesTable derived={p.estimates.derived} />
      </Section>
      <Section title="Reference design">
        <Markdown>{p.referenceDesign.overview}</Markdown>
        <h3>Components</h3>
        <table>
          <tbody>
            {p.referenceDesign.components.map((c) => (
              <tr key={c.name}>
                <td style={{ width: '28%' }}>
                  <strong>{c.name}</strong>
                </td>
                <td>
                  <Markdown>{c.responsibility}</Markdown>
                  {c.tech && (
                    <div className="muted">
                      <Markdown>{c.tech}</Markdown>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Data flow</h3>
        <ol>
          {p.referenceDesign.dataFlow.map((step, i) => (
            <li key={i}>
              <Markdown inline>{step}</Markdown>
            </li>
          ))}
        </ol>
        <h3>API</h3>
        {p.referenceDesign.api.map((e) => (
          <div key={e.signature} className="card" style={{ marginBottom: 8 }}>
            <code>{e.signature}</code>
            {e.request && <Markdown>{`**Request:** ${e.request}`}</Markdown>}
            <Markdown>{`**Response:** ${e.response}`}</Markdown>
            {e.notes && <Markdown>{e.notes}</Markdown>}
          </div>
        ))}
        <h3>Data model</h3>
        {p.referenceDesign.dataModel.map((m) => (
          <div key={m.name} className="card" style={{ marginBottom: 8 }}>
            <h4>{m.name}</h4>
            <Markdown>{m.fields}</Markdown>
            <Markdown>{`**Store:** ${m.store}`}</Markdown>
            {m.partitioning && <Markdown>{`**Partitioning:** ${m.partitioning}`}</Markdown>}
          </div>
        ))}
      </Section>
      <Section title="Deep dives">
        {p.deepDives.map((d) => (
          <details className="qa" key={d.title}>
            <summary>{d.title}</summary>
            <Markdown>{d.body}</Markdown>
            {d.options && (
              <table>
                <thead>
                  <tr>
                    <th>Option</th>
                    <th>For</th>
                    <th>Against</th>
                  </tr>
                </thead>
                <tbody>
                  {d.options.map((o) => (
                    <tr key={o.name}>
                      <td>
                        <strong>{o.name}</strong>
                      </td>
                      <td>
                        <Markdown>{o.pros}</Markdown>
                      </td>
                      <td>
                        <Markdown>{o.cons}</Markdown>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        ))}
      </Section>
      <Section title="Key decisions">
        {p.keyDecisions.map((k) => (
          <div className="card" key={k.decision} style={{ marginBottom: 8 }}>
            <h4>{k.decision}</h4>
            <Markdown>{`**Choice:** ${k.choice}`}</Markdown>
            <Markdown>{`**Instead of:** ${k.alternatives.join('; ')}`}</Markdown>
            <Markdown>{`**Why:** ${k.why}`}</Markdown>
            <Markdown>{`**Revisit when:** ${k.revisitWhen}`}</Markdown>
          </div>
        ))}
      </Section>
      <Section title="Failure scenarios">
        <table>
          <thead>
            <tr>
              <th>What fails</th>
              <th>Impact</th>
              <th>Mitigation</th>
            </tr>
          </thead>
          <tbody>
            {p.failureScenarios.map((f) => (
              <tr key={f.scenario}>
                <td>
                  <Markdown>{f.scenario}</Markdown>
                </td>
                <td>
                  <Markdown>{f.impact}</Markdown>
                </td>
                <td>
                  <Markdown>{f.mitigation}</Markdown>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Strong-answer checklist">
        <BulletList items={p.strongAnswerChecklist} />
      </Section>
      <Section title="Interviewer follow-ups">
        <FollowUpList items={p.followUps} />
        <div className="notice ok">
          <strong>The detail that impresses: </strong>
          <Markdown inline>{p.impressiveDetail}</Markdown>
        </div>
      </Section>
      <Section title="Constraint changes">
        {p.constraintMutations.map((m) => (
          <details className="qa" key={m.prompt}>
            <summary>{m.prompt}</summary>
            <BulletList items={m.expectedChanges} />
          </details>
        ))}
      </Section>
      <Section title="In the real world">
        {p.realWorld.map((r) => (
          <p key={r.system}>
            <strong>{r.system}.</strong> <Markdown inline>{r.detail}</Markdown>
          </p>
        ))}
      </Section>
      <Section title="What a staff-level answer adds">
        <BulletList items={p.staffSignals} />
      </Section>
      <Section title="Gotchas">
        {p.gotchas.map((g) => (
          <div className="notice warn" key={g.claim} style={{ marginBottom: 8 }}>
            <Markdown>{`**Tempting claim:** ${g.claim}`}</Markdown>
            <Markdown>{`**Actually:** ${g.correction}`}</Markdown>
          </div>
        ))}
      </Section>
    </div>
  );
}

export default function ProblemPage({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['problem.get', id], queryFn: () => call('problem.get', { id }) });
  const [revealed, setRevealed] = useState(false);
  const waiting = pendingOrError(detail);
  if (waiting) return waiting;
  const { problem: p, concepts, labs, linkedFrom } = detail.data!; // pendingOrError returned null, so the data is here
  // A concept that links back here is usually already listed above: name each item once.
  const alsoLinked = notListed(linkedFrom, [...concepts, ...labs]);
  return (
    <article className="page" data-testid="problem-page">
      <p className="muted">
        <a href="#/library">Library</a> › Problem
      </p>
      <h1>{p.title}</h1>
      <div className="meta">
        <span className={`badge cap ${p.difficulty}`}>{p.difficulty.replace('-', ' ')}</span>
        <span className="badge">{p.timeTargetMin} min</span>
        {p.topics.map((t) => (
          <span className="badge" key={t}>
            {t}
          </span>
        ))}
      </div>
      <Markdown>{p.summary}</Markdown>
      <StartPanel problem={p} />
      <Section title="The interviewer opens with">
        <div className="prompt">
          <Markdown>{p.openingPrompt}</Markdown>
        </div>
      </Section>
      <Section title="Time plan">
        <PhaseBar problem={p} />
        <p className="muted">
          {count(p.timeTargetMin, 'minute')} in five phases. Budgets are a guide: the clock shows overtime, it
          never stops you.
        </p>
      </Section>
      <Section title="Concepts and labs it uses">
        <LinkChips refs={[...concepts, ...labs]} empty="No linked concepts." />
      </Section>
      {alsoLinked.length > 0 && (
        <Section title="Also linked from">
          <LinkChips refs={alsoLinked} />
        </Section>
      )}
      <Section title="Reference answer">
        {revealed ? (
          <Reference problem={p} />
        ) : (
          <div className="notice">
            <p style={{ marginTop: 0 }}>
              The reference answer covers clarifying questions, estimates, the design, deep dives, decisions,
              failure modes and follow-ups. Reading it before you practise makes the interview much less
              useful — try the problem cold first.
            </p>
            <button className="btn" onClick={() => setRevealed(true)}>
              Show the reference answer
            </button>
          </div>
        )}
      </Section>
    </article>
  );
}
