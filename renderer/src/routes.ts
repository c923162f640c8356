/** Screens that main.tsx may fetch before React renders (the one the address opens on). */
import { preloadable } from './components/preloadable';

export const InterviewScreen = preloadable(() => import('./interview/InterviewScreen'));

/**
 * The whiteboard (Excalidraw, the largest chunk): main.tsx asks for it at the same moment as the
 * interview screen, not after the screen's own code has arrived and run.
 */
export const Whiteboard = preloadable(() => import('./interview/Whiteboard'));
