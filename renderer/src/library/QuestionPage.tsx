import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { pendingOrError } from '../components/ErrorPanel';
import { LinkChips } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { BulletList, FollowUpList, Section } from '../components/Sections';
import { Countdown } from '../components/Countdown';

const STAR_LABELS = [
  ['situation', 'Situation'],
  ['task', 'Task'],
  ['action', 'Action'],
  ['result', 'Result'],
  ['reflection', 'Reflection'],
] as const;

export default function QuestionPage({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['question.get', id], queryFn: () => call('question.get', { id }) });
  const [revealed, setRevealed] = useState(false);
  const waiting = pendingOrError(detail);
  if (waiting) return waiting;
  const { question: q, concepts, problems } = detail.data!; // pendingOrError returned null, so the data is here
  return (
    <article className="page" data-testid="question-page">
      <p className="muted">
        <a href="#/library">Library</a> › Question · {q.topic}
      </p>
      <div className="meta">
        <span className="badge kind cap">{q.kind.replace('-', ' ')}</span>
        <span className={`badge cap ${q.difficulty}`}>{q.difficulty}</span>
      </div>
      {/* The question is the page's title. */}
      <h1 className="prompt question-prompt">
        <Markdown inline>{q.prompt}</Markdown>
      </h1>
      {q.assesses && (
        <Section title="What the interviewer is judging">
          <BulletList items={q.assesses} />
        </Section>
      )}
      {q.star && (
        <Section title="Shape your story (STAR + reflection)">
          <table>
            <tbody>
              {STAR_LABELS.map(([key, label]) => (
                <tr key={key}>
                  <th style={{ width: 120 }}>{label}</th>
                  <td>
                    <Markdown>{q.star![key]}</Markdown>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title="Answer points">
        {revealed ? (
          <>
            <BulletList items={q.answerPoints} />
            {q.commonMistakes && (
              <div className="notice warn" data-testid="common-mistakes">
                <strong>Easy to get wrong</strong>
                <BulletList items={q.commonMistakes} />
              </div>
            )}
            <h3>Follow-ups to expect</h3>
            <p className="muted">Try each one first, then open it to compare.</p>
            <FollowUpList items={q.followUps} />
          </>
        ) : (
          <div className="notice">
            <p style={{ marginTop: 0 }}>Say your answer out loud first — about two minutes — then compare.</p>
            <Countdown minutes={2} label="Start a 2-minute answer" onDone={() => setRevealed(true)} />
            <button className="btn" onClick={() => setRevealed(true)}>
              Show the answer points
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
