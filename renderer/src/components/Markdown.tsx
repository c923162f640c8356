import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeSanitize from 'rehype-sanitize';

/**
 * Content-pack text is Markdown from packs a user may have imported from anywhere: it is rendered
 * without raw HTML and sanitised, and links open outside the app (the shell validates them).
 */
export function Markdown({ children, inline = false }: { children: string; inline?: boolean }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
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
