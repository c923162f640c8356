/**
 * Excalidraw reads EXCALIDRAW_ASSET_PATH when its module first loads and otherwise fetches fonts
 * from a public CDN. Setting it here, before any Excalidraw chunk can load, keeps the whiteboard
 * fully offline: fonts come from the app's own origin (copied there at build time).
 */
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = `${window.location.origin}/`;

export {};
