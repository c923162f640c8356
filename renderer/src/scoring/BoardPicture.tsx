import { useEffect, useRef, useState } from 'react';
import { count } from '../components/words';

/**
 * The final whiteboard as a picture, scaled to fit its box: read-only by nature and far lighter than
 * a second live board beside the rubric. Excalidraw's exporter is loaded on demand (the same chunk
 * as the replay's board). The SVG goes straight into the page, which already has the board's fonts,
 * so no fonts are inlined: inlining subsets them with code our CSP (rightly) refuses to evaluate.
 */
export function BoardPicture({
  json,
  elementCount,
  dark,
}: {
  json: string;
  elementCount: number;
  dark: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');
  useEffect(() => {
    let live = true;
    setState('drawing');
    (async () => {
      const { exportToSvg, restoreElements } = await import('@excalidraw/excalidraw');
      const parsed = JSON.parse(json) as { elements?: unknown[]; files?: object };
      const elements = restoreElements((parsed.elements ?? []) as never, null).filter((e) => !e.isDeleted);
      const svg = await exportToSvg({
        elements,
        appState: { exportBackground: false, exportWithDarkMode: dark, viewBackgroundColor: 'transparent' },
        files: (parsed.files ?? null) as never,
        exportPadding: 16,
        skipInliningFonts: true,
      });
      if (!live || !host.current) return;
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `Your final whiteboard, ${count(elementCount, 'element')}`);
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      host.current.replaceChildren(svg);
      setState('drawn');
    })().catch(() => {
      if (live) setState('failed');
    });
    return () => {
      live = false;
    };
  }, [json, dark, elementCount]);

  if (state === 'failed')
    return <p className="muted">Your board can’t be shown here. The replay below still has it.</p>;
  return (
    <div className="board-picture" data-testid="evidence-board" aria-busy={state === 'drawing'}>
      {state === 'drawing' && <span className="muted">Drawing your board…</span>}
      <div ref={host} className="board-picture-svg" />
    </div>
  );
}
