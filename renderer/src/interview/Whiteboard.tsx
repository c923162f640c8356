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
  newElementWith,
  restoreElements,
  serializeAsJSON,
} from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';
import './whiteboard.css';
import { boundsOf, obstacles, placeShape, type ElementLike } from './placement';
import { ShapeBar } from './ShapeBar';
import { SHAPES, shapeById, type ShapeKind } from './shapes';
import { bytesToBase64, downloadBlob } from '../components/files';
import { useExcalidrawA11yFixes } from './excalidrawA11y';
import { countRender } from './renderProbe';
import { count } from '../components/words';
import type { BoardElement } from '../../../shared/board/graph';

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
    // What the shape stands for, kept with it (saved, exported, seen by the board check).
    customData: { kind: kind.id },
    label: { text: kind.label, fontSize: 18, strokeColor: '#1e1e1e' },
  } as ElementSkeleton;
}

type Element = Elements[number];
const CONNECTABLE = new Set(['rectangle', 'ellipse', 'diamond']);

/** The one selected shape a new shape grows from (a selected label counts as its shape). */
function selectedShape(elements: Elements, selected: Readonly<Record<string, boolean>>): Element | null {
  const ids = Object.keys(selected).filter((id) => selected[id]);
  const byId = (id: string) => elements.find((e) => e.id === id && !e.isDeleted);
  const picked = ids.map(byId).map((e) => (e?.type === 'text' && e.containerId ? byId(e.containerId) : e));
  const distinct = [...new Set(picked)];
  if (distinct.length !== 1) return null;
  const only = distinct[0];
  return only && only.type !== 'arrow' && only.type !== 'line' ? only : null;
}

/**
 * The new shape's elements, and when `anchor` is a box, an arrow from the middle of its facing side
 * to the new shape's, bound at both ends so it follows when either moves. Excalidraw's skeleton
 * API binds only within one batch, so the anchor takes part as a stand-in and the arrow's binding
 * is moved onto the real anchor afterwards.
 */
function shapeElements(
  kind: ShapeKind,
  at: { x: number; y: number },
  anchor: Element | null,
): { created: Element[]; anchor: Element | null } {
  const shape = { ...skeleton(kind, at.x, at.y), id: 'new-shape' } as ElementSkeleton;
  if (!anchor || !CONNECTABLE.has(anchor.type)) {
    return { created: convertToExcalidrawElements([shape]) as Element[], anchor: null };
  }
  // Placement puts the shape right of the anchor or below it; the arrow leaves by that side.
  const toRight = at.x >= anchor.x + anchor.width;
  const start = toRight
    ? [anchor.x + anchor.width, anchor.y + anchor.height / 2]
    : [anchor.x + anchor.width / 2, anchor.y + anchor.height];
  const end = toRight ? [at.x, at.y + kind.height / 2] : [at.x + kind.width / 2, at.y];
  const [dx, dy] = [end[0]! - start[0]!, end[1]! - start[1]!];
  const standIn = {
    type: anchor.type,
    id: 'anchor',
    x: anchor.x,
    y: anchor.y,
    width: anchor.width,
    height: anchor.height,
    customData: { standIn: true },
  } as ElementSkeleton;
  const arrow = {
    type: 'arrow',
    x: start[0],
    y: start[1],
    strokeColor: '#1e1e1e',
    start: { id: 'anchor' },
    end: { id: 'new-shape' },
  } as ElementSkeleton;
  const converted = convertToExcalidrawElements([shape, standIn, arrow]) as Element[];
  const standInId = converted.find((e) => e.customData?.standIn)?.id;
  const created: Element[] = [];
  let arrowId = '';
  for (const e of converted) {
    if (e.id === standInId) continue;
    if (e.type === 'arrow') {
      arrowId = e.id;
      // Skeletons replace a zero width or height with a default: set the points exactly.
      created.push({
        ...e,
        width: Math.abs(dx),
        height: Math.abs(dy),
        points: [
          [0, 0],
          [dx, dy],
        ],
        startBinding: e.startBinding && { ...e.startBinding, elementId: anchor.id },
      } as Element);
    } else created.push(e);
  }
  const bound = [...(anchor.boundElements ?? []), { id: arrowId, type: 'arrow' as const }];
  return { created, anchor: newElementWith(anchor, { boundElements: bound }) };
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
  /** Downloads the board as `<fileBaseName>.png` or `.svg` (white background, light theme). */
  exportAs(kind: 'png' | 'svg'): Promise<void>;
  /** The live elements on the board now (what the board check reads). */
  elements(): readonly BoardElement[];
  /** Selects these elements and brings them into view (a board finding's shapes). */
  highlight(ids: readonly string[]): void;
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
  // What is selected on the board, as Excalidraw reports it (a board finding selects its shapes;
  // tests read it).
  const [selected, setSelected] = useState('');
  const selectedRef = useRef('');
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
    if (!initialJson) return { appState: { viewBackgroundColor: 'transparent' } };
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
      };
    } catch {
      return { appState: { viewBackgroundColor: 'transparent' } };
    }
    // The initial scene is read once; later updates come from the user's own edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const addShape = useCallback(
    (id: string) => {
      const kind = shapeById(id);
      if (!api || !kind) return;
      const state = api.getAppState();
      const existing = api.getSceneElements();
      const anchor = selectedShape(existing, state.selectedElementIds);
      const zoom = state.zoom.value;
      const viewCentre = {
        x: -state.scrollX + state.width / 2 / zoom,
        y: -state.scrollY + state.height / 2 / zoom,
      };
      const boxes = obstacles(existing as readonly ElementLike[]);
      const at = placeShape(kind, boxes, anchor ? boundsOf(anchor as ElementLike) : null, viewCentre);
      const { created, anchor: updatedAnchor } = shapeElements(kind, at, anchor);
      const elements = updatedAnchor
        ? existing.map((e) => (e.id === updatedAnchor.id ? updatedAnchor : e))
        : [...existing];
      api.updateScene({ elements: [...elements, ...created] });
      api.setActiveTool({ type: 'selection' });
      // Bring it into view when the diagram has grown past the visible part of the board.
      const visible =
        at.x >= -state.scrollX &&
        at.y >= -state.scrollY &&
        at.x + kind.width <= -state.scrollX + state.width / zoom &&
        at.y + kind.height <= -state.scrollY + state.height / zoom;
      if (!visible) api.scrollToContent(created, { animate: true, duration: 200 });
    },
    [api],
  );

  const exportAs = useCallback(
    async (kind: 'png' | 'svg') => {
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
    },
    [api, fileBaseName],
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
      const ids = Object.keys(appState.selectedElementIds).sort().join(' ');
      if (ids !== selectedRef.current) {
        selectedRef.current = ids;
        setSelected(ids);
      }
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

  // The same shapes as the toolbar, also in Excalidraw's own Library panel (drag and drop). Made
  // once the board is up, at an idle moment: laying out their 16 labels took ~30 ms of the time
  // to open an interview, for a panel that is closed when the board opens.
  useEffect(() => {
    if (!api) return;
    const handle = requestIdleCallback(
      () =>
        void api.updateLibrary({
          libraryItems: SHAPES.map((kind) => ({
            id: `tradeoff-${kind.id}`,
            status: 'published' as const,
            created: 0,
            name: kind.label,
            elements: convertToExcalidrawElements([skeleton(kind, 0, 0)]),
          })),
          merge: false,
        }),
      { timeout: 2000 },
    );
    return () => cancelIdleCallback(handle);
  }, [api]);

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
      exportAs,
      elements: () => api.getSceneElements(),
      highlight: (ids) => {
        const wanted = new Set(ids);
        const shown = api.getSceneElements().filter((e) => wanted.has(e.id));
        // Selecting works on a read-only board too; it draws Excalidraw's own selection outline.
        api.updateScene({
          appState: { selectedElementIds: Object.fromEntries(shown.map((e) => [e.id, true as const])) },
        });
        // At once, not animated: a second click lands where the first one showed.
        if (shown.length) api.scrollToContent(shown);
      },
    });
  }, [api, addShape, exportAs, onReady, serialisePending]);

  return (
    // A section, so Excalidraw's own <footer> is scoped to it and is not taken for the page's footer.
    <section
      className="whiteboard"
      ref={host}
      data-testid="whiteboard"
      data-element-count={elementCount}
      data-selected={selected || undefined}
      aria-label={`Whiteboard with ${count(elementCount, 'element')}`}
    >
      {!readOnly && <ShapeBar onAdd={addShape} />}
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
