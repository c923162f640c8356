import { useEffect, type RefObject } from 'react';

/**
 * Two accessibility slips in Excalidraw 0.18's own markup, corrected where it mounts them until
 * Excalidraw fixes them (an observer, because it mounts and re-mounts parts on its own schedule):
 * - its canvas-menu button (the hamburger, `.dropdown-menu-button`) is an icon with no name, so a
 *   screen reader announces only "button" (axe `button-name`);
 * - its bottom bar is `<footer role="contentinfo">`, declaring the page's footer from inside the
 *   interview's `main` (axe `landmark-contentinfo-is-top-level`). Without the role the footer,
 *   inside the whiteboard's section, is an ordinary container.
 */
export function useExcalidrawA11yFixes(host: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = host.current;
    if (!root) return;
    const fix = () => {
      for (const b of root.querySelectorAll<HTMLButtonElement>('button.dropdown-menu-button')) {
        if (!b.hasAttribute('aria-label') && !b.textContent?.trim())
          b.setAttribute('aria-label', 'Canvas menu');
      }
      for (const f of root.querySelectorAll('footer[role="contentinfo"]')) f.removeAttribute('role');
    };
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [host]);
}
