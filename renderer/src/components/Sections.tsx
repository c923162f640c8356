import type { ReactNode } from 'react';
import type { FollowUp } from '../../../shared/content/schema';
import { Markdown } from './Markdown';

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="section" id={id} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function BulletList({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          <Markdown inline>{item}</Markdown>
        </li>
      ))}
    </ul>
  );
}

/**
 * Follow-up questions, each with its own disclosure: think of an answer, then open it to compare
 * with the points a strong answer covers.
 */
export function FollowUpList({ items }: { items: readonly FollowUp[] }) {
  return (
    <div className="follow-ups" data-testid="follow-ups">
      {items.map((f, i) => (
        <details className="qa follow-up" key={i} data-testid="follow-up">
          <summary>
            <Markdown inline>{f.question}</Markdown>
            <span className="follow-up-hint"> · show points</span>
          </summary>
          <p className="muted follow-up-lead">A strong answer covers:</p>
          <BulletList items={f.expectedPoints} />
        </details>
      ))}
    </div>
  );
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1e15 || (Math.abs(value) < 1e-3 && value !== 0)) return value.toExponential(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
