/**
 * Pure helpers the reports share across the process boundary: the file name both the Markdown
 * export (back end) and the printed PDF (renderer, saved by the shell) use, and the rule that keeps
 * a note's line breaks when it is rendered as Markdown.
 */

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** `tradeoff-url-shortener-2025-03-04`: the problem and the (UTC) day the interview started. */
export function reportFileBase(problemTitle: string, createdAtMs: number): string {
  const day = new Date(createdAtMs).toISOString().slice(0, 10);
  const name = slug(problemTitle);
  return name ? `tradeoff-${name}-${day}` : `tradeoff-${day}`;
}

/**
 * Notes are typed in a plain text area, where a line break is a line break; Markdown would join
 * single lines into one paragraph. Ends each line that continues a paragraph with two spaces (a
 * CommonMark hard break), except inside fenced code, where spaces would show. Blank lines, list
 * items and headings already break, and a trailing hard break at the end of a block is ignored.
 */
export function keepLineBreaks(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let fenced = false;
  return lines
    .map((line, i) => {
      if (/^\s{0,3}(```|~~~)/.test(line)) {
        fenced = !fenced;
        return line;
      }
      const next = lines[i + 1];
      if (fenced || next === undefined || !line.trim() || !next.trim() || / {2}$/.test(line)) return line;
      return `${line.replace(/\s+$/, '')}  `;
    })
    .join('\n');
}
