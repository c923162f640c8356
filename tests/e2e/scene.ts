/** The whiteboard as the back end saved it, for tests that check what was drawn. */
import type { SessionState } from '../../shared/api/sessions';
import { api, type Shell } from './harness';

export interface SceneElement {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isDeleted?: boolean;
  containerId?: string | null;
  customData?: { kind?: string };
  startBinding?: { elementId: string } | null;
  endBinding?: { elementId: string } | null;
  boundElements?: { id: string; type: string }[] | null;
}

/** Every element of the session's saved board, deleted ones included (Excalidraw keeps them). */
export async function savedElements(shell: Shell, sessionId: string): Promise<SceneElement[]> {
  const json = (await api<SessionState>(shell, 'session.get', { id: sessionId })).scene?.json;
  return json ? (JSON.parse(json) as { elements: SceneElement[] }).elements : [];
}
