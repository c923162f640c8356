/**
 * The Excalidraw whiteboard, fully offline: fonts are served by the app (see vite.config.ts) and
 * the asset path points at our own origin, so nothing is fetched from anywhere else.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Excalidraw,
  MainMenu,
  convertToExcalidrawElements,
  exportToBlob,
  exportToSvg,
  restoreElements,
  serializeAsJSON,
} from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';
import { SHAPES, type ShapeKind } from './shapes';
import { bytesToBase64, downloadBlob } from '../components/files';
import { useExcalidrawA11yFixes } from './excalidrawA11y';
import { countRender } from './renderProbe';
import { count, inSentence, withArticle } from '../components/words';

type ExcalidrawApi = Parameters<NonNullable<Parameters<typeof Excalidraw>[0]['excalidrawAPI']>>[0];
type Elements = ReturnType<ExcalidrawApi['getSceneElements']>;
type AppStateArg = Parameters<NonNullable<Parameters<typeof Excalidraw>[0]['onChange']>>[1];
type ElementSkeleton = NonNullable<Parameters<typeof convertToExcalidrawElements>[0]>[number];

export interface SceneChange {
  json: string;
  elementCount: number;
  version: number;
}

function sceneVersion(elements: Elements): number {
  // Excalidraw bumps an element's version on every edit; the sum changes whenever anything does.
  let v = 0;
  for (const e of elements) v += e.version;
  return v + elements.length;
}

function skeleton(kind: ShapeKind, x: number, y: number): ElementSkeleton {
  return {
    type: kind.shape,
    x,
    y,
    width: kind.width,
    height: kind.height,
    backgroundColor: kind.background,
    fillStyle: 'solid',
    strokeColor: '#1e1e1e',
    strokeStyle: kind.dashed ? 'dashed' : 'solid',
    roundness: kind.shape === 'rectangle' ? { type: 3 } : null,
    label: { text: kind.label, fontSize: 18, strokeColor: '#1e1e1e' },
  } as ElementSkeleton;
}

const GAP = 40;

/** The nearest spot to (cx, cy), walking a grid outwards, where a w×h box overlaps nothing. */
function freeSpot(
  elements: Elements,
  cx: number,
  cy: number,
  w: number,
  h: number,
): { x: number; y: number } {
  const boxes = elements
    .filter(
      (e) =>
        !e.isDeleted && e.type !== 'arrow' && e.type !== 'line' && !('containerId' in e && e.containerId),
    )
    .map((e) => ({ x: e.x, y: e.y, w: e.width, h: e.height }));
  const free = (x: number, y: number) =>
    boxes.every(
      (b) =>
        x + w + GAP / 2 <= b.x ||
        b.x + b.w + GAP / 2 <= x ||
        y + h + GAP / 2 <= b.y ||
        b.y + b.h + GAP / 2 <= y,
    );
  // A fine grid, so the first free spot sits right beside what is already there.
  const stepX = 40;
  const stepY = 40;
  // Candidates ring by ring; within a ring prefer the same row, then to the right (a left-to-right flow).
  const candidates: [number, number][] = [];
  for (let dy = -15; dy <= 15; dy++) for (let dx = -15; dx <= 15; dx++) candidates.push([dx, dy]);
  candidates.sort(
    ([ax, ay], [bx, by]) =>
      Math.max(Math.abs(ax), Math.abs(ay)) - Math.max(Math.abs(bx), Math.abs(by)) ||
      Math.abs(ay) - Math.abs(by) ||
      Number(ax < 0) - Number(bx < 0) ||
      Math.abs(ax) - Math.abs(bx),
  );
  for (const [dx, dy] of candidates) {
    const x = cx + dx * stepX;
    const y = cy + dy * stepY;
    if (free(x, y)) return { x, y };
  }
  return { x: cx, y: cy };
}

/*
 * Excalidraw is memoised, but it re-renders its whole UI when any prop or its child changes identity
 * (its comparison checks `children` and each UIOptions key by reference). So the options and the
 * menu are made once, here, and callbacks below are stable: the board re-renders only for itself.
 */
const UI_OPTIONS = {
  canvasActions: {
    loadScene: false,
    saveToActiveFile: false,
    export: false,
    saveAsImage: false,
    toggleTheme: false,
  },
  tools: { image: false },
} as const;

const MENU = (
  <MainMenu>
    <MainMenu.DefaultItems.ClearCanvas />
    <MainMenu.DefaultItems.ChangeCanvasBackground />
    <MainMenu.DefaultItems.Help />
  </MainMenu>
);

export interface WhiteboardProps {
  initialJson: string | null;
  dark: boolean;
  readOnly?: boolean;
  fileBaseName: string;
  onChange?: (change: SceneChange) => void;
  /** Called at once on a change; `onChange` follows with the serialised scene a moment later. */
  onDirty?: () => void;
  onReady?: (api: WhiteboardHandle) => void;
}

export interface WhiteboardHandle {
  focus(): void;
  addShape(id: string): void;
  load(json: string): void;
  /** Scrolls and zooms so the whole drawing is in view. */
  zoomToFit(): void;
  elementCount(): number;
  /** The current scene as a PNG (base64, no data: prefix), or null when the board is empty. */
  pngBase64(): Promise<string | null>;
  /** Serialises a change waiting for an idle moment now (the page is being hidden). */
  flushChange(): void;
}

/**
 * Memoised: give it stable callbacks (useCallback) and it re-renders only when its own state
 * changes, not when the screen around it does (the clock, the notes).
 */
export default memo(Whiteboard);

function Whiteboard({
  initialJson,
  dark,
  readOnly,
  fileBaseName,
  onChange,
  onDirty,
  onReady,
}: WhiteboardProps) {
  countRender('whiteboard');
  const [api, setApi] = useState<ExcalidrawApi | null>(null);
  // Shown as an attribute so people using assistive tech and tests can tell what is on the board.
  const [elementCount, setElementCount] = useState(0);
  const lastVersion = useRef<number>(-1);
  const pending = useRef<{ elements: Elements; appState: AppStateArg; files: object } | null>(null);
  const idleHandle = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (idleHandle.current !== null) cancelIdleCallback(idleHandle.current);
    },
    [],
  );
  const host = useRef<HTMLElement>(null);
  useExcalidrawA11yFixes(host);
  const initialData = useMemo(() => {
    // The same shapes as the toolbar, also in Excalidraw's own Library panel (drag and drop).
    const libraryItems = SHAPES.map((kind) => ({
      id: `tradeoff-${kind.id}`,
      status: 'published' as const,
      created: 0,
      name: kind.label,
      elements: convertToExcalidrawElements([skeleton(kind, 0, 0)]),
    }));
    if (!initialJson) return { appState: { viewBackgroundColor: 'transparent' }, libraryItems };
    try {
      const parsed = JSON.parse(initialJson) as {
        elements?: unknown[];
        appState?: Record<string, unknown>;
        files?: object;
      };
      return {
        elements: restoreElements((parsed.elements ?? []) as never, null),
        appState: { viewBackgroundColor: 'transparent', scrollToContent: true },
        files: parsed.files as never,
        scrollToContent: true,
        libraryItems,
      };
    } catch {
      return { appState: { viewBackgroundColor: 'transparent' }, libraryItems };
    }
    // The initial scene is read once; later updates come from the user's own edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const addShape = useCallback(
    (id: string) => {
      const kind = SHAPES.find((s) => s.id === id);
      if (!api || !kind) return;
      const state = api.getAppState();
      const existing = api.getSceneElements();
      // Place it near the centre of the view, in the first free spot of a grid around it.
      const cx = -state.scrollX + state.width / 2 / state.zoom.value - kind.width / 2;
      const cy = -state.scrollY + state.height / 2 / state.zoom.value - kind.height / 2;
      const { x, y } = freeSpot(existing, cx, cy, kind.width, kind.height);
      const created = convertToExcalidrawElements([skeleton(kind, x, y)]);
      api.updateScene({ elements: [...existing, ...created] });
      api.setActiveTool({ type: 'selection' });
    },
    [api],
  );

  const serialisePending = useCallback(() => {
    if (idleHandle.current !== null) cancelIdleCallback(idleHandle.current);
    idleHandle.current = null;
    const latest = pending.current;
    pending.current = null;
    if (!latest || !onChange) return;
    // Marked so `npm run bench` can tell autosave's share of main-thread time from drawing's.
    performance.mark('autosave:serialize:start');
    const json = serializeAsJSON(latest.elements, latest.appState, latest.files as never, 'local');
    performance.measure('autosave:serialize', 'autosave:serialize:start');
    onChange({ json, elementCount: latest.elements.length, version: lastVersion.current });
  }, [onChange]);

  const handleChange = useCallback(
    (elements: Elements, appState: AppStateArg, files: object) => {
      // Excalidraw calls onChange after each of its own renders: this counts them for the e2e test.
      countRender('excalidraw');
      const version = sceneVersion(elements);
      if (version === lastVersion.current) return; // pointer moves and selection don't change the drawing
      const first = lastVersion.current === -1;
      lastVersion.current = version;
      const live = elements.filter((e) => !e.isDeleted);
      setElementCount(live.length);
      // The first event is Excalidraw showing the scene it was given: nothing new to save.
      if (first || readOnly || !onChange) return;
      // Serialise later, in its own short task, so saving never lengthens the frame that drew the
      // change; bursts of edits coalesce into one serialisation.
      pending.current = { elements: live, appState, files };
      onDirty?.();
      if (idleHandle.current === null) {
        idleHandle.current = requestIdleCallback(serialisePending, { timeout: 400 });
      }
    },
    [onChange, onDirty, readOnly, serialisePending],
  );

  useEffect(() => {
    if (!api || !onReady) return;
    onReady({
      focus: () => host.current?.querySelector<HTMLElement>('.excalidraw')?.focus(),
      addShape,
      load: (json) => {
        const parsed = JSON.parse(json) as { elements?: unknown[] };
        api.updateScene({ elements: restoreElements((parsed.elements ?? []) as never, null) });
      },
      zoomToFit: () => api.scrollToContent(undefined, { fitToContent: true }),
      elementCount: () => api.getSceneElements().length,
      pngBase64: async () => {
        const elements = api.getSceneElements();
        if (elements.length === 0) return null;
        const blob = await exportToBlob({
          elements,
          appState: {
            ...api.getAppState(),
            exportBackground: true,
            viewBackgroundColor: '#ffffff',
            exportWithDarkMode: false,
          },
          files: api.getFiles(),
          mimeType: 'image/png',
          exportPadding: 24,
        });
        return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
      },
      flushChange: serialisePending,
    });
  }, [api, addShape, onReady, serialisePending]);

  async function exportAs(kind: 'png' | 'svg') {
    if (!api) return;
    const elements = api.getSceneElements();
    const appState = {
      ...api.getAppState(),
      exportBackground: true,
      viewBackgroundColor: '#ffffff',
      exportWithDarkMode: false,
    };
    if (kind === 'png') {
      const blob = await exportToBlob({
        elements,
        appState,
        files: api.getFiles(),
        mimeType: 'image/png',
        exportPadding: 24,
      });
      downloadBlob(`${fileBaseName}.png`, blob);
    } else {
      const svg = await exportToSvg({ elements, appState, files: api.getFiles(), exportPadding: 24 });
      downloadBlob(`${fileBaseName}.svg`, new Blob([svg.outerHTML], { type: 'image/svg+xml' }));
    }
  }

  return (
    // A section, so Excalidraw's own <footer> is scoped to it and is not taken for the page's footer.
    <section
      className="whiteboard"
      ref={host}
      data-testid="whiteboard"
      data-element-count={elementCount}
      aria-label={`Whiteboard with ${count(elementCount, 'element')}`}
    >
      {!readOnly && (
        <div className="shape-bar" role="toolbar" aria-label="System-design shapes">
          <span className="shape-bar-label">Add:</span>
          {SHAPES.map((s) => (
            <button
              key={s.id}
              className="shape-btn"
              onClick={() => addShape(s.id)}
              title={`Add ${withArticle(inSentence(s.label))}`}
              data-shape={s.id}
            >
              <span
                className={`shape-swatch ${s.shape}`}
                style={{ background: s.background }}
                aria-hidden="true"
              />
              {s.label}
            </button>
          ))}
          <span className="shape-bar-gap" />
          <button
            className="shape-btn"
            onClick={() => void exportAs('png')}
            data-testid="export-png"
            title="Export the whiteboard as PNG"
          >
            PNG ↓
          </button>
          <button
            className="shape-btn"
            onClick={() => void exportAs('svg')}
            data-testid="export-svg"
            title="Export the whiteboard as SVG"
          >
            SVG ↓
          </button>
        </div>
      )}
      <div className="whiteboard-canvas">
        <Excalidraw
          excalidrawAPI={setApi}
          initialData={initialData}
          onChange={handleChange}
          theme={dark ? 'dark' : 'light'}
          viewModeEnabled={readOnly}
          UIOptions={UI_OPTIONS}
        >
          {MENU}
        </Excalidraw>
      </div>
    </section>
  );
}
