/**
 * The board check in a report: the findings of the final board as Markdown, for the exported
 * report (electron/core/review/reports.ts). The printed report renders the same result in React.
 */
import { LABS } from '../labs/catalog';
import { CHECK_LABELS, summary, type BoardCheckResult, type LearnLink } from './checks';

/** A link's name in prose: a lab by its title, a concept by its title when known, else its id. */
export function linkName(link: LearnLink, conceptTitle?: (id: string) => string | undefined): string {
  if (link.kind === 'lab') return `lab “${LABS.find((l) => l.id === link.id)?.title ?? link.id}”`;
  return `concept “${conceptTitle?.(link.id) ?? link.id.replace(/-/g, ' ')}”`;
}

export function boardCheckMarkdown(
  result: BoardCheckResult,
  conceptTitle?: (id: string) => string | undefined,
): string[] {
  const out = ['## Board check', ''];
  out.push(
    `${summary(result)} Advice, not a score${
      result.reference
        ? ': the final board held against what the reference design needs.'
        : ': this problem has no board expectations, so only the general checks ran.'
    }`,
  );
  if (result.findings.length) out.push('');
  for (const f of result.findings) {
    const learn = f.link ? ` See the ${linkName(f.link, conceptTitle)}.` : '';
    out.push(`- **${CHECK_LABELS[f.check]}: ${f.title}** — ${f.reason}${learn}`);
  }
  return out;
}
