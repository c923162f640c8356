/**
 * The estimation check: the scratchpad's lines sent to the model for an order-of-magnitude review
 * against the problem's own figures, with its answer shown per line.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiEstimateLine, AiFailure } from '../../../shared/api/ai';
import { call } from '../api/client';
import { aiKeys } from '../api/keys';
import './ai.css';

const VERDICT_NAMES: Record<AiEstimateLine['verdict'], string> = {
  plausible: 'Plausible',
  'too-high': 'Too high',
  'too-low': 'Too low',
  unclear: 'Unclear',
};

export function EstimateCheck({ sessionId, lines }: { sessionId: string; lines: number }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: aiKeys.settings(), queryFn: () => call('ai.settings', {}) });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ lines: AiEstimateLine[]; model: string } | null>(null);
  const [failure, setFailure] = useState<AiFailure | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!settings.data?.configured || lines === 0) return null;

  async function check() {
    setBusy(true);
    setFailure(null);
    setError(null);
    try {
      const out = await call('ai.checkEstimates', { sessionId });
      if (out.ok) setResult(out);
      else setFailure(out.failure);
      await queryClient.invalidateQueries({ queryKey: aiKeys.session(sessionId) });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ai-estimates" data-testid="ai-estimates">
      <button className="btn" onClick={() => void check()} disabled={busy} data-testid="ai-estimates-run">
        {busy ? 'Checking…' : 'Check the orders of magnitude with AI'}
      </button>
      {result && (
        <table className="ai-estimates-table">
          <caption className="muted small-print">Checked by {result.model}</caption>
          <thead>
            <tr>
              <th>Line</th>
              <th>Verdict</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((l) => (
              <tr key={l.line} data-verdict={l.verdict}>
                <td>
                  <code>{l.input}</code>
                </td>
                <td>
                  <span className={`ai-verdict ${l.verdict}`}>{VERDICT_NAMES[l.verdict]}</span>
                </td>
                <td>{l.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && (
        <div className="notice bad" role="alert">
          {failure.message}
        </div>
      )}
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}
