import type { ItemRef, LinkRef } from '../../../shared/api/contract';

export function hrefFor(ref: { kind: string; id: string }): string | null {
  if (ref.kind === 'lab') return null; // labs get their own screen in a later release of the app
  return `#/${ref.kind}/${encodeURIComponent(ref.id)}`;
}

/** `refs` without those already in `listed` (same kind and id), in their order. */
export function notListed<T extends { kind: string; id: string }>(
  refs: readonly T[],
  listed: readonly { kind: string; id: string }[],
): T[] {
  const seen = new Set(listed.map((r) => `${r.kind}:${r.id}`));
  return refs.filter((r) => !seen.has(`${r.kind}:${r.id}`));
}

/** A row of links to related items; labs are listed by name. */
export function LinkChips({ refs, empty }: { refs: readonly (LinkRef | ItemRef)[]; empty?: string }) {
  if (refs.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <div className="links">
      {refs.map((ref) => {
        const href = hrefFor(ref);
        const body = (
          <>
            <small>{ref.kind}</small> {ref.title}
          </>
        );
        return href ? (
          <a key={`${ref.kind}:${ref.id}`} className="chip" href={href}>
            {body}
          </a>
        ) : (
          <span key={`${ref.kind}:${ref.id}`} className="chip" title="Runnable lab">
            {body}
          </span>
        );
      })}
    </div>
  );
}
