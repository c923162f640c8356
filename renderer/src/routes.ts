/** Screens that main.tsx may fetch before React renders (the one the address opens on). */
import { preloadable } from './components/preloadable';

export const InterviewScreen = preloadable(() => import('./interview/InterviewScreen'));
