import ReactMarkdown from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import rehypeSanitize from 'rehype-sanitize';

/**
 * Content-pack text is Markdown from packs a user may have imported from anywhere: it is rendered
 * without raw HTML and sanitised, and links open outside the app (the shell validates them).
 * `breaks` is for the user's own notes, typed in a plain text area: every line break they typed is
 * kept, as it was on screen while they wrote.
 */
export function Markdown({
  children,
  inline = false,
  breaks = false,
}: {
  children: string;
  inline?: boolean;
  breaks?: boolean;
}) {
  return (
    <ReactMarkdown
      remarkPlugins={breaks ? [remarkGfm, remarkBreaks] : [remarkGfm]}
      rehypePlugins={[rehypeSanitize]}
      components={{
        a: ({ href, children: kids }) => (
          <a href={href} target="_blank" rel="noreferrer noopener">
            {kids}
          </a>
        ),
        ...(inline ? { p: ({ children: kids }) => <>{kids}</> } : {}),
      }}
    >
      {children}
    </ReactMarkdown>
  );
}
