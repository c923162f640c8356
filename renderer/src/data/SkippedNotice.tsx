import { useState } from 'react';

/**
 * Rows the back end could not read at start-up are left out, never fatal; this says which, once,
 * so nothing disappears without a word.
 */
export function SkippedNotice({ items }: { items: string[] }) {
  const [open, setOpen] = useState(true);
  if (!open || items.length === 0) return null;
  return (
    <div className="skipped-notice notice warn" role="status" data-testid="skipped-notice">
      <strong>Some saved items could not be read</strong>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="muted">Everything else is fine, and nothing was deleted.</p>
      <button className="btn" onClick={() => setOpen(false)}>
        Dismiss
      </button>
    </div>
  );
}
