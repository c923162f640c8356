/**
 * The floor for `interviewReadyMs` (tests/bench/board.ts): a page that renders only Excalidraw,
 * with our fonts (same asset path, same build plugin) and the same scene, fetched as the page
 * starts. Not part of the app: the bench builds it on its own and serves it beside the app.
 */
import '../src/assetPath';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Excalidraw, restoreElements } from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';

type InitialData = NonNullable<Parameters<typeof Excalidraw>[0]['initialData']>;

const scene = fetch('./scene.json').then((r) => r.json() as Promise<{ elements: unknown[] }>);

function Board({ initialData }: { initialData: InitialData }) {
  // Marked like the app's whiteboard, so the bench waits for the same thing on both pages.
  const [count, setCount] = useState(0);
  return (
    <div style={{ height: '100%' }} data-element-count={count}>
      <Excalidraw
        initialData={initialData}
        onChange={(elements) => {
          const live = elements.filter((e) => !e.isDeleted).length;
          if (live !== count) setCount(live);
        }}
      />
    </div>
  );
}

void scene.then((parsed) => {
  const initialData = {
    elements: restoreElements(parsed.elements as never, null),
    appState: { viewBackgroundColor: 'transparent' },
    scrollToContent: true,
  };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Board initialData={initialData} />
    </StrictMode>,
  );
});
