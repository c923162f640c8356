/**
 * The whiteboard as plain text, for a language model (the AI interviewer, AI-drafted scores) and for
 * anyone who cannot see the canvas: each component with what it stands for, each arrow with its ends
 * and label, arrows that end in empty space, free text, grouped by frame. Built from the same graph
 * as the board check, so what the model reads is what the check judged.
 */
import { boardGraph, type BoardElement, type BoardGraph, type BoardNode } from './graph';
import { kindInfo } from './kinds';

/** The board as text; "The whiteboard is empty." when nothing is drawn. */
export function describeBoard(elements: readonly BoardElement[]): string {
  return describeGraph(boardGraph(elements));
}

/** A node's name in sentences: its label in quotes, or what it is when it has none. */
export function nodeName(node: BoardNode, names?: ReadonlyMap<string, string>): string {
  const named = names?.get(node.id);
  if (named) return named;
  if (node.text) return `"${node.text}"`;
  return node.kind ? `an unlabelled ${kindInfo(node.kind).label}` : 'an unlabelled shape';
}

/** Names that tell apart nodes with the same label ("Service" #1, #2), in reading order. */
export function distinctNames(graph: BoardGraph): Map<string, string> {
  const seen = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const n of graph.nodes) totals.set(nodeName(n), (totals.get(nodeName(n)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const n of graph.nodes) {
    const base = nodeName(n);
    if ((totals.get(base) ?? 0) < 2) {
      names.set(n.id, base);
      continue;
    }
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    names.set(n.id, `${base} #${k}`);
  }
  return names;
}

function componentLine(node: BoardNode, name: string): string {
  const facts: string[] = [];
  if (node.boundary) facts.push('a boundary drawn around other shapes');
  else facts.push(node.kind ? kindInfo(node.kind).label : 'kind not recognised');
  if (node.count > 1) facts.push(`${node.count} copies`);
  else if (node.replicated) facts.push('replicated');
  if (node.textOnly) facts.push('written as text');
  return `- ${name} (${facts.join(', ')})`;
}

export function describeGraph(graph: BoardGraph): string {
  const { nodes, edges, dangling, freeText, frames } = graph;
  if (nodes.length === 0 && edges.length === 0 && dangling.length === 0 && freeText.length === 0) {
    return 'The whiteboard is empty.';
  }
  const names = distinctNames(graph);
  const name = (id: string | null) => (id ? names.get(id)! : 'empty space');
  const frameOf = new Map(nodes.map((n) => [n.id, n.frameId]));

  const lines: string[] = [
    `The whiteboard has ${plural(nodes.length, 'component')}, ${plural(edges.length, 'connecting arrow')}` +
      (dangling.length ? ` and ${plural(dangling.length, 'arrow')} that end in empty space.` : '.'),
  ];
  const section = (frameId: string | null, title: string) => {
    const inFrame = nodes.filter((n) => n.frameId === frameId);
    const texts = freeText.filter((t) => t.frameId === frameId);
    // An arrow belongs where it starts.
    const arrows = edges.filter((e) => frameOf.get(e.from) === frameId);
    const loose = dangling.filter((d) => {
      const attached = d.from ?? d.to;
      return (attached ? frameOf.get(attached) : null) === frameId;
    });
    if (!inFrame.length && !texts.length && !arrows.length && !loose.length) return;
    lines.push('', title);
    if (inFrame.length) {
      lines.push('Components:');
      for (const n of inFrame) lines.push(componentLine(n, names.get(n.id)!));
    }
    if (arrows.length) {
      lines.push('Arrows:');
      for (const e of arrows) {
        const arrow = e.direction === 'both' ? '↔' : e.direction === 'none' ? '—' : '→';
        lines.push(`- ${name(e.from)} ${arrow} ${name(e.to)}${e.label ? ` (labelled "${e.label}")` : ''}`);
      }
    }
    if (loose.length) {
      lines.push('Arrows that end in empty space:');
      for (const d of loose) {
        const ends = d.from
          ? `from ${name(d.from)} to empty space`
          : d.to
            ? `from empty space to ${name(d.to)}`
            : 'not attached to anything';
        lines.push(`- ${ends}${d.label ? ` (labelled "${d.label}")` : ''}`);
      }
    }
    if (texts.length) {
      lines.push('Free text:');
      for (const t of texts) lines.push(`- "${t.text}"`);
    }
  };
  for (const f of frames) section(f.id, `Frame ${f.name ? `"${f.name}"` : '(unnamed)'}:`);
  section(null, frames.length ? 'Outside any frame:' : 'Board:');
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
