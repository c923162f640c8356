/** The claims table: the claim, where it comes from, what was expected, what this run measured, and the verdict in words. */
import { VERDICT_WORDS, type ClaimRow, type Verdict } from '../../../shared/labs/framework';
import { hrefFor } from '../components/Links';

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`verdict ${verdict}`}>{VERDICT_WORDS[verdict]}</span>;
}

function SourceLink({ row }: { row: ClaimRow }) {
  const href =
    row.source.id && row.source.kind !== 'notes'
      ? hrefFor({ kind: row.source.kind, id: row.source.id })
      : null;
  return href ? <a href={href}>{row.source.label}</a> : <span>{row.source.label}</span>;
}

export function ClaimsTable({ claims, caption }: { claims: readonly ClaimRow[]; caption?: string }) {
  return (
    <table className="lab-claims" data-testid="claims-table">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Expected</th>
          <th scope="col">Measured</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((row) => (
          <tr key={row.claim} data-verdict={row.verdict}>
            <td>
              <div className="claim-text">{row.claim}</div>
              <div className="claim-why muted">{row.explanation}</div>
              <div className="claim-source muted">
                From <SourceLink row={row} />
              </div>
            </td>
            <td>{row.expected}</td>
            <td className="measured">{row.measured}</td>
            <td>
              <VerdictBadge verdict={row.verdict} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The user's version next to the reference, claim by claim. */
export function ClaimsSideBySide({
  mine,
  reference,
}: {
  mine: readonly ClaimRow[];
  reference: readonly ClaimRow[];
}) {
  return (
    <table className="lab-claims side-by-side" data-testid="claims-compare">
      <caption>Your version next to the reference (same parameters, same seed)</caption>
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Reference</th>
          <th scope="col">Your version</th>
        </tr>
      </thead>
      <tbody>
        {reference.map((ref, i) => {
          const own = mine.find((m) => m.claim === ref.claim) ?? mine[i];
          return (
            <tr key={ref.claim}>
              <td>
                <div className="claim-text">{ref.claim}</div>
                <div className="muted">Expected {ref.expected}</div>
              </td>
              <td>
                <div className="measured">{ref.measured}</div>
                <VerdictBadge verdict={ref.verdict} />
              </td>
              <td>
                {own ? (
                  <>
                    <div className="measured">{own.measured}</div>
                    <VerdictBadge verdict={own.verdict} />
                  </>
                ) : (
                  <span className="muted">Not measured</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
