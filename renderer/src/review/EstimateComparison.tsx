import { useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/api/sessions';
import { compareEstimates, keyFigureIds, type Comparison } from '../../../shared/domain/compare';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { formatNumber } from '../components/Sections';

const VERDICT_TEXT = { close: 'close', 'within-2x': 'within 2×', off: 'off', 'not-computed': 'not computed' };

function Row({ r }: { r: Comparison }) {
  return (
    <tr data-verdict={r.verdict} data-key={r.key || undefined}>
      <td>
        {r.reference.label}
        {r.key && <span className="muted small-print"> · key figure</span>}
      </td>
      <td>
        {formatNumber(r.reference.value)} {r.reference.unit}
      </td>
      <td>
        {r.yours ? (
          <>
            <code>{r.yours.label}</code>
            {r.matchedBy === 'value' && <span className="muted small-print"> (matched by its value)</span>}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className={`verdict ${r.verdict}`}>
        {VERDICT_TEXT[r.verdict]}
        {r.ratio !== null && r.verdict !== 'close' && (
          <span className="muted">
            {' '}
            ({r.ratio >= 1 ? `${r.ratio.toFixed(1)}× high` : `${(1 / r.ratio).toFixed(1)}× low`})
          </span>
        )}
      </td>
    </tr>
  );
}

function Table({ rows, testId }: { rows: Comparison[]; testId?: string }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>Reference figure</th>
          <th>Reference</th>
          <th>Your line</th>
          <th>How close</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row key={r.reference.id ?? r.reference.label} r={r} />
        ))}
      </tbody>
    </table>
  );
}

/** The scratchpad's lines beside the problem's figures: key figures, then what you computed. */
export function EstimateComparison({ session }: { session: SessionState }) {
  const problem = useQuery({
    queryKey: ['problem.get', session.problemId],
    queryFn: () => call('problem.get', { id: session.problemId }),
  });
  const lines = (session.scratchpad?.results ?? []).filter((r) => r.value !== undefined && !r.error);
  if (!problem.data) return problem.isError ? <QueryError error={problem.error} /> : null;
  const { derived } = problem.data.problem.estimates;
  const rows = compareEstimates(
    derived.map((d) => ({ id: d.id, label: d.label, value: d.value, unit: d.unit })),
    lines.map((l) => ({ line: l.line, label: l.input, value: l.value!, unit: l.unit, name: l.name })),
    keyFigureIds(derived, problem.data.problem.strongAnswerChecklist),
  );
  const shown = rows.filter((r) => r.key || r.yours);
  const rest = rows.filter((r) => !r.key && !r.yours);
  const matchedLines = new Set(rows.flatMap((r) => (r.yours ? [r.yours.line] : [])));
  const unmatched = lines.filter((l) => !matchedLines.has(l.line));
  return (
    <>
      {lines.length === 0 && (
        <p className="muted">
          You didn’t compute anything in the scratchpad this time. Estimating before designing is part of the
          signal.
        </p>
      )}
      <Table rows={shown} testId="estimate-comparison" />
      {unmatched.length > 0 && (
        <p className="muted small-print" data-testid="estimate-unmatched">
          Not matched to a reference figure:{' '}
          {unmatched.map((l, i) => (
            <span key={l.line}>
              {i > 0 && ', '}
              <code>{l.input}</code>
            </span>
          ))}
          . Naming a line (<code>peak_writes = …</code>) helps match it.
        </p>
      )}
      {rest.length > 0 && (
        <details>
          <summary>
            {rest.length === 1
              ? '1 more reference figure you didn’t compute'
              : `${rest.length} more reference figures you didn’t compute`}
          </summary>
          <Table rows={rest} />
        </details>
      )}
      <p className="muted small-print">
        Each line is matched to at most one figure, by kind of unit and by its words (peak is never taken for
        average) — a prompt for reflection, not a score.
      </p>
    </>
  );
}
