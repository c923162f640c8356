/**
 * The whiteboard as text for the model and for quote checks. The one place the AI features read
 * the board, so it points at the shared board description (shared/board/describe.ts) alone.
 */
interface SceneElement {
  type?: string;
  text?: string;
  isDeleted?: boolean;
}

/** The board's words as the model reads them; '' when nothing was drawn or the scene is unreadable. */
export function boardText(sceneJson: string | null | undefined): string {
  if (!sceneJson) return '';
  let elements: SceneElement[];
  try {
    const parsed = JSON.parse(sceneJson) as { elements?: SceneElement[] } | SceneElement[];
    elements = Array.isArray(parsed) ? parsed : (parsed.elements ?? []);
  } catch {
    return '';
  }
  return elements
    .filter((e) => !e.isDeleted && e.type === 'text' && typeof e.text === 'string' && e.text.trim())
    .map((e) => `- ${e.text!.trim().replace(/\s+/g, ' ')}`)
    .join('\n');
}
