/**
 * The system-design shapes above the whiteboard, on one row at any width: the shapes nearly every
 * design draws first keep their place (BAR_PRIORITY) as long as they fit; every shape, grouped by
 * role, is in "More shapes". The bar measures its buttons once and hides, from the end, those that
 * do not fit — so the row never scrolls or wraps and nothing after it is pushed out of view.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { inSentence, withArticle } from '../components/words';
import { BAR_PRIORITY, SHAPE_GROUPS, shapeById, type ShapeKind } from './shapes';

function Swatch({ kind }: { kind: ShapeKind }) {
  return (
    <span
      className={`shape-swatch ${kind.shape}${kind.dashed ? ' dashed' : ''}`}
      style={{ background: kind.background }}
      aria-hidden="true"
    />
  );
}

/** Space between buttons (CSS `gap` of .shape-bar-row). */
const GAP_PX = 4;

export function ShapeBar({ onAdd }: { onAdd: (id: string) => void }) {
  const row = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<string, number>());
  const [shown, setShown] = useState(BAR_PRIORITY.length);
  const [open, setOpen] = useState(false);

  useLayoutEffect(() => {
    const el = row.current;
    if (!el) return;
    const measure = (): number => {
      // Hidden buttons measure 0: keep the width each had when it was last shown.
      for (const b of el.querySelectorAll<HTMLElement>('[data-shape]')) {
        if (!b.hidden) widths.current.set(b.dataset.shape!, b.offsetWidth);
      }
      const available = el.clientWidth - (moreButton.current?.offsetWidth ?? 0) - GAP_PX;
      let used = 0;
      let count = 0;
      for (const id of BAR_PRIORITY) {
        const w = (widths.current.get(id) ?? 0) + GAP_PX;
        if (used + w > available) break;
        used += w;
        count++;
      }
      return count;
    };
    let current = BAR_PRIORITY.length;
    const fit = () => {
      // Twice at most: hiding buttons brings in "More shapes", whose width then counts too.
      for (let pass = 0; pass < 2; pass++) {
        const count = measure();
        if (count === current) return;
        current = count;
        // Before the frame is painted, so the bar never shows clipped buttons.
        flushSync(() => setShown(count));
      }
    };
    // Its first report comes after the page's own layout, before the first paint: measuring then,
    // not in this effect, saves laying out the whole screen (and the board mounting with it) twice.
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) moreButton.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('button')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !moreButton.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open, close]);

  // Left and Right move between the bar's visible buttons, as in a toolbar.
  const onRowKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const buttons = [...row.current!.querySelectorAll<HTMLButtonElement>('button:not([hidden])')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    e.preventDefault();
    const next = (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]!.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...menu.current!.querySelectorAll<HTMLButtonElement>('button')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    e.preventDefault();
    const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]!.focus();
  };

  return (
    <div className="shape-bar-wrap">
      <div
        className="shape-bar-row"
        ref={row}
        role="toolbar"
        aria-label="Add a system-design shape"
        onKeyDown={onRowKey}
      >
        {BAR_PRIORITY.map((id, i) => {
          const kind = shapeById(id)!;
          return (
            <button
              key={id}
              type="button"
              className="shape-btn"
              hidden={i >= shown}
              onClick={() => onAdd(id)}
              title={`Add ${withArticle(inSentence(kind.label))} (beside the selected shape, with an arrow)`}
              data-shape={id}
            >
              <Swatch kind={kind} />
              {kind.label}
            </button>
          );
        })}
        <button
          type="button"
          ref={moreButton}
          className="shape-btn shape-more"
          aria-expanded={open}
          aria-controls="shape-menu"
          onClick={() => (open ? close(false) : setOpen(true))}
          data-testid="more-shapes"
        >
          {shown < BAR_PRIORITY.length ? `More shapes (${BAR_PRIORITY.length - shown})` : 'All shapes'}
          <span aria-hidden="true"> ▾</span>
        </button>
      </div>
      {open && (
        <div
          id="shape-menu"
          className="shape-menu"
          ref={menu}
          role="group"
          aria-label="All shapes"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            const to = e.relatedTarget as Node | null;
            if (to && !menu.current?.contains(to) && to !== moreButton.current) close(false);
          }}
        >
          {SHAPE_GROUPS.map((group) => (
            <div
              key={group.id}
              className="shape-menu-group"
              role="group"
              aria-labelledby={`shapes-${group.id}`}
            >
              <div className="shape-menu-label" id={`shapes-${group.id}`}>
                {group.label}
              </div>
              {group.shapes.map((id) => {
                const kind = shapeById(id)!;
                return (
                  <button
                    key={id}
                    type="button"
                    className="shape-menu-item"
                    data-menu-shape={id}
                    onClick={() => {
                      onAdd(id);
                      close(true);
                    }}
                  >
                    <Swatch kind={kind} />
                    {kind.label}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
