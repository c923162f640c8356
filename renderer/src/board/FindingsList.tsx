/**
 * Board findings as a list: what was seen, why it matters, and where to learn more. A finding about
 * shapes on the board is a button that highlights them; one about something not drawn is plain text.
 */
import { useQuery } from '@tanstack/react-query';
import {
  CHECK_LABELS,
  type BoardCheckResult,
  type Finding,
  type LearnLink,
} from '../../../shared/board/checks';
import { LABS } from '../../../shared/labs/catalog';
import { call } from '../api/client';
import { libraryKeys } from '../api/keys';
import { hrefFor } from '../components/Links';

/** Titles for links: concepts from the library, labs from their catalogue. */
function useLinkTitle(): (link: LearnLink) => string {
  const concepts = useQuery({
    queryKey: [...libraryKeys.lists(), { kinds: ['concept'] }],
    queryFn: () => call('library.list', { kinds: ['concept'] }),
    staleTime: 60_000,
  });
  return (link) => {
    if (link.kind === 'lab') return LABS.find((l) => l.id === link.id)?.title ?? link.id;
    return concepts.data?.find((c) => c.id === link.id)?.title ?? link.id.replace(/-/g, ' ');
  };
}

function LearnMore({ link }: { link: LearnLink }) {
  const title = useLinkTitle()(link);
  const href = hrefFor(link);
  const label = `${link.kind === 'lab' ? 'Lab' : 'Concept'}: ${title}`;
  return href ? (
    <a className="finding-link small-print" href={href}>
      {label}
    </a>
  ) : (
    <span className="finding-link small-print muted" title="Runnable lab">
      {label}
    </span>
  );
}

export function FindingsList({
  result,
  selected,
  onSelect,
}: {
  result: BoardCheckResult;
  selected?: string | null;
  /** Highlight the finding's shapes; leave out where there is no board to highlight on. */
  onSelect?: (finding: Finding) => void;
}) {
  if (result.findings.length === 0) {
    return (
      <p className="board-findings-empty" data-testid="board-findings-empty">
        Nothing to point out:{' '}
        {result.reference ? 'every essential component is drawn, the flows connect' : 'the arrows connect'}{' '}
        and nothing stateful stands alone.
      </p>
    );
  }
  return (
    <ul className="board-findings" data-testid="board-findings">
      {result.findings.map((f) => {
        const clickable = !!onSelect && f.elementIds.length > 0;
        const body = (
          <>
            <span className={`finding-tag ${f.check}`}>{CHECK_LABELS[f.check]}</span>
            <span className="finding-title">{f.title}</span>
            <span className="finding-reason">{f.reason}</span>
          </>
        );
        return (
          <li key={f.key} className="board-finding" data-check={f.check} data-key={f.key}>
            {clickable ? (
              <button
                type="button"
                className="finding-main"
                aria-pressed={selected === f.key}
                title="Show on the board"
                onClick={() => onSelect(f)}
              >
                {body}
              </button>
            ) : (
              <div className="finding-main">{body}</div>
            )}
            {f.link && <LearnMore link={f.link} />}
          </li>
        );
      })}
    </ul>
  );
}
