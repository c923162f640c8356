/**
 * Check my board on a large board: `checkBoard` (graph + every check) on a 500-element scene built
 * like Excalidraw's own (labelled shapes, bound arrows, arrow labels, free text), held against the
 * URL shortener's expectations. The target is < 30 ms so it could run on every autosave.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBoard } from '../../shared/board/checks';
import type { BoardExpectations } from '../../shared/content/schema';
import { SceneBuilder } from '../helpers/board';

const LABELS = [
  'Client',
  'Load balancer',
  'Service',
  'Redis',
  'Postgres',
  'Kafka',
  'Worker',
  'S3',
  'Queue',
  '',
];

/** 500 elements: 150 shapes (140 labelled), 140 arrows (40 labelled), 70 free notes. */
export function largeBoard(): SceneBuilder {
  const b = new SceneBuilder();
  const shapes: string[] = [];
  for (let i = 0; i < 150; i++) {
    const label = LABELS[i % LABELS.length]!;
    shapes.push(
      b.shape(label ? `${label} ${i}` : '', { at: { x: (i % 15) * 260, y: Math.floor(i / 15) * 200 } }),
    );
  }
  for (let i = 0; i < 140; i++) {
    const from = shapes[i]!;
    // Most arrows join neighbours; every seventh ends in empty space.
    const to = i % 7 === 6 ? { x: 5000 + i, y: 5000 } : shapes[(i + 1 + (i % 3) * 14) % shapes.length]!;
    b.arrow(from, to, i % 4 === 0 && i < 160 ? { label: `call ${i}` } : {});
  }
  for (let i = 0; b.elements.length < 500; i++)
    b.text(`Note ${i}: reads outnumber writes`, { x: -600, y: i * 40 });
  return b;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function boardCheckFigures(): { boardCheckMs: number; elements: number; findings: number } {
  const problem = JSON.parse(
    fs.readFileSync(
      path.join(
        path.dirname(fileURLToPath(import.meta.url)),
        '..',
        '..',
        'assets',
        'content',
        'builtin',
        'problems',
        'url-shortener.json',
      ),
      'utf8',
    ),
  ) as { board: BoardExpectations };
  const elements = largeBoard().elements;
  let findings = 0;
  for (let i = 0; i < 5; i++) findings = checkBoard(elements, problem.board).findings.length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < 31; i++) {
    const started = performance.now();
    checkBoard(elements, problem.board);
    times.push(performance.now() - started);
  }
  return { boardCheckMs: median(times), elements: elements.length, findings };
}
