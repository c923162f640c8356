import type { ReactNode } from 'react';
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

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1e15 || (Math.abs(value) < 1e-3 && value !== 0)) return value.toExponential(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
