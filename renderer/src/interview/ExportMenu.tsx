/**
 * "Export" in the interview's header: the whiteboard as PNG or SVG. A disclosure button with a short
 * list; Escape or a click elsewhere closes it, and focus returns to the button.
 */
import { useEffect, useRef, useState } from 'react';

export function ExportMenu({
  disabled,
  onExport,
}: {
  disabled: boolean;
  onExport: (kind: 'png' | 'svg') => Promise<void> | undefined;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('button')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!list.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  const choose = (kind: 'png' | 'svg') => {
    setOpen(false);
    button.current?.focus();
    void onExport(kind);
  };

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="btn"
        disabled={disabled}
        aria-expanded={open}
        aria-controls="export-list"
        onClick={() => setOpen((o) => !o)}
        data-testid="export"
        title="Export the whiteboard as an image"
        aria-label="Export the whiteboard"
      >
        {/* Narrow windows show the download sign alone: the phase steps need the header's width. */}
        <span className="export-icon" aria-hidden="true">
          ⤓
        </span>
        <span className="export-label">Export</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id="export-list"
          className="export-menu-list"
          ref={list}
          role="group"
          aria-label="Export the whiteboard"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <button
            type="button"
            className="shape-menu-item"
            onClick={() => choose('png')}
            data-testid="export-png"
          >
            Whiteboard as PNG
          </button>
          <button
            type="button"
            className="shape-menu-item"
            onClick={() => choose('svg')}
            data-testid="export-svg"
          >
            Whiteboard as SVG
          </button>
        </div>
      )}
    </div>
  );
}
