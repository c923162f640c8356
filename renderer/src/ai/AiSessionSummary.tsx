/**
 * The session page's AI section: which model wrote which interviewer messages (and with which
 * prompt version), the draft's provenance and the levels adopted from it, and the tokens each call
 * used — people paying per token want to see them.
 */
import { format } from 'date-fns';
import { useQuery } from '@tanstack/react-query';
import { DIMENSIONS } from '../../../shared/domain/rubric';
import { call } from '../api/client';
import { aiKeys } from '../api/keys';
import { count } from '../components/words';
import './ai.css';

const PURPOSE_NAMES = {
  test: 'Connection test',
  models: 'Model list',
  interview: 'Interviewer reply',
  probe: 'Interviewer probe',
  draft: 'Score draft',
  estimates: 'Estimation check',
} as const;

const tokens = (n: number | null) => (n === null ? 'not reported' : n.toLocaleString());

export function AiSessionSummary({ sessionId }: { sessionId: string }) {
  const info = useQuery({
    queryKey: aiKeys.session(sessionId),
    queryFn: () => call('ai.session', { sessionId }),
  });
  const d = info.data;
  if (!d || (!d.calls.length && !d.messages.length && !d.draft && !d.adoptions.length)) return null;
  const models = [...new Set(d.messages.map((m) => m.model))];
  return (
    <section className="section" aria-label="AI" data-testid="ai-summary">
      <h2>AI</h2>
      <ul className="ai-facts">
        {d.messages.length > 0 && (
          <li>
            The AI interviewer ({models.join(', ')}, prompt {d.messages[0]!.promptVersion}) wrote{' '}
            {count(d.messages.length, 'message')}
            {d.messages.some((m) => m.incomplete) &&
              `; ${count(d.messages.filter((m) => m.incomplete).length, 'reply', 'replies')} stopped mid-way and ${d.messages.filter((m) => m.incomplete).length === 1 ? 'is' : 'are'} marked incomplete`}
            .
          </li>
        )}
        {d.draft && (
          <li data-testid="ai-summary-draft">
            AI draft ({d.draft.model}, {format(new Date(d.draft.createdAtMs), 'd MMM yyyy, HH:mm')}, prompt{' '}
            {d.draft.promptVersion}):{' '}
            {d.draft.status === 'draft' ? 'levels with quoted evidence' : d.draft.message}
            {d.draft.droppedQuotes > 0 && ` — ${count(d.draft.droppedQuotes, 'invented quote')} dropped`}.
          </li>
        )}
        {d.adoptions.map((a) => (
          <li key={a.dimension} data-testid="ai-provenance">
            {DIMENSIONS.find((x) => x.id === a.dimension)?.name}: level {a.level} adopted from the AI draft (
            {a.model}, {format(new Date(a.draftCreatedAtMs), 'd MMM yyyy, HH:mm')}); your own level was{' '}
            {a.selfLevel}.
          </li>
        ))}
      </ul>
      {d.calls.length > 0 && (
        <>
          <p data-testid="ai-tokens">
            Tokens used: <strong>{d.totals.promptTokens.toLocaleString()}</strong> in,{' '}
            <strong>{d.totals.completionTokens.toLocaleString()}</strong> out, over{' '}
            {count(d.totals.calls, 'call')}.
          </p>
          <details>
            <summary>Per call</summary>
            <table className="ai-calls">
              <thead>
                <tr>
                  <th>When</th>
                  <th>What</th>
                  <th>Model</th>
                  <th>Tokens in</th>
                  <th>Tokens out</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {d.calls.map((c) => (
                  <tr key={c.id}>
                    <td>{format(new Date(c.atMs), 'HH:mm:ss')}</td>
                    <td>{PURPOSE_NAMES[c.purpose]}</td>
                    <td>{c.model}</td>
                    <td>{tokens(c.promptTokens)}</td>
                    <td>{tokens(c.completionTokens)}</td>
                    <td>{c.outcome === 'ok' ? 'ok' : c.outcome.replace(/-/g, ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
