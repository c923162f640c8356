import type { ItemRef, LinkRef } from '../../../shared/api/contract';
import { isBuiltLab } from '../../../shared/labs/built';

export function hrefFor(ref: { kind: string; id: string }): string | null {
  if (ref.kind === 'lab') return isBuiltLab(ref.id) ? `#/labs/${encodeURIComponent(ref.id)}` : null;
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

/** A row of links to related items; a lab that is not built yet is listed by name, without a link. */
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
          <span key={`${ref.kind}:${ref.id}`} className="chip" title="A lab that is planned, not built yet">
            {body}
          </span>
        );
      })}
    </div>
  );
}
