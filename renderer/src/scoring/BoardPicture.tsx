import { useEffect, useState } from 'react';

/**
 * The final whiteboard as a picture, scaled to fit its box: read-only by nature and far lighter than
 * a second live board beside the rubric. Excalidraw's exporter is loaded on demand (the same chunk
 * as the replay's board), and its SVG, fonts inlined, is shown through a blob: URL.
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
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    setFailed(false);
    (async () => {
      const { exportToSvg, restoreElements } = await import('@excalidraw/excalidraw');
      const parsed = JSON.parse(json) as { elements?: unknown[]; files?: object };
      const elements = restoreElements((parsed.elements ?? []) as never, null).filter((e) => !e.isDeleted);
      const svg = await exportToSvg({
        elements,
        appState: { exportBackground: false, exportWithDarkMode: dark, viewBackgroundColor: 'transparent' },
        files: (parsed.files ?? null) as never,
        exportPadding: 16,
      });
      if (!live) return;
      made = URL.createObjectURL(new Blob([svg.outerHTML], { type: 'image/svg+xml' }));
      setUrl(made);
    })().catch(() => {
      if (live) setFailed(true);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [json, dark]);

  if (failed) return <p className="muted">Your board can’t be shown here. The replay below still has it.</p>;
  if (!url) return <div className="board-picture muted">Drawing your board…</div>;
  return (
    <div className="board-picture" data-testid="evidence-board">
      <img src={url} alt={`Your final whiteboard, ${elementCount} element${elementCount === 1 ? '' : 's'}`} />
    </div>
  );
}
