import type { SessionState } from '../../../shared/api/sessions';
import { type Problem } from '../../../shared/content/schema';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { findMentions, sceneText, type Mention } from '../../../shared/domain/mentions';
import { Markdown } from '../components/Markdown';
import { useSpokenText } from '../voice/spoken';

/** One item, ticked or not, with the words of yours that touched it. */
function MentionItem({ mention }: { mention: Mention }) {
  return (
    <li className={mention.mentioned ? 'hit' : 'miss'}>
      {mention.mentioned ? '✓' : '○'} {mention.text}
      {mention.mentioned && (
        <span className="muted small-print" data-testid="mention-matched">
          {' '}
          — you wrote {mention.matched.map((w) => `“${w}”`).join(', ')}
        </span>
      )}
    </li>
  );
}

/** The reference design beside the candidate's own notes, with a hint of what their words touched. */
export function ReferencePanel({ session, problem }: { session: SessionState; problem: Problem }) {
  // What was said aloud counts too, once the recording has a transcript.
  const spoken = useSpokenText(session.id);
  const yours = [
    ...PHASE_IDS.map((p) => session.notes[p]),
    sceneText(session.scene?.json),
    session.transcript
      .filter((t) => t.role === 'candidate')
      .map((t) => t.text)
      .join('\n'),
    spoken,
  ].join('\n');
  const checklist = findMentions(problem.strongAnswerChecklist, yours);
  const decisions = findMentions(
    problem.keyDecisions.map((k) => `${k.decision}: ${k.choice}`),
    yours,
  );
  const ref = problem.referenceDesign;
  return (
    <div className="reference" data-testid="reference-panel">
      <div className="two-col">
        <div>
          <h3>Reference design</h3>
          <Markdown>{ref.overview}</Markdown>
          <ul>
            {ref.components.map((c) => (
              <li key={c.name}>
                <strong>{c.name}</strong> — <Markdown inline>{c.responsibility}</Markdown>
              </li>
            ))}
          </ul>
          <h4>Data flow</h4>
          <ol>
            {ref.dataFlow.map((step, i) => (
              <li key={i}>
                <Markdown inline>{step}</Markdown>
              </li>
            ))}
          </ol>
          <h4>Failures to plan for</h4>
          <ul>
            {problem.failureScenarios.map((f) => (
              <li key={f.scenario}>
                <Markdown inline>{`**${f.scenario}** — ${f.mitigation}`}</Markdown>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Your notes</h3>
          {PHASE_IDS.filter((p) => session.notes[p].trim()).map((p) => (
            <div key={p} className="card" style={{ marginBottom: 8 }}>
              <Markdown>{session.notes[p]}</Markdown>
            </div>
          ))}
          {PHASE_IDS.every((p) => !session.notes[p].trim()) && <p className="muted">You wrote no notes.</p>}
          <h3>What your words touched</h3>
          <p className="muted small-print">
            Phrases and names from each item found in your notes, whiteboard labels and questions — a hint for
            reflection, not a score.
          </p>
          <h4>Strong-answer checklist</h4>
          <ul className="mentions" data-testid="checklist-mentions">
            {checklist.map((m) => (
              <MentionItem key={m.text} mention={m} />
            ))}
          </ul>
          <h4>Key decisions</h4>
          <ul className="mentions">
            {decisions.map((m) => (
              <MentionItem key={m.text} mention={m} />
            ))}
          </ul>
        </div>
      </div>
      <p>
        <a href={`#/problem/${problem.id}`}>The full reference answer</a> has the estimates, deep dives and
        follow-ups.
      </p>
    </div>
  );
}
