/**
 * The renderer's one UI-state module (Excalidraw's rule: state lives here, screens use the hooks).
 * Server data lives in react-query; this holds only what the person set on screen, such as library
 * filters, so they survive moving to a detail page and back.
 */
import { create } from 'zustand';
import type { ItemKind } from '../../../shared/api/contract';

export interface LibraryFilters {
  text: string;
  kind: ItemKind | 'all';
  difficulty: string;
  topic: string;
  maxTimeMin: number | null;
  practice: '' | 'never' | 'practised' | 'weak';
}

/** How the scoring view shows the rubric: one dimension beside the evidence, or all five. */
export type RubricView = 'one' | 'all';

interface UiState {
  library: LibraryFilters;
  /** The person's choice for the sidebar; null follows the window's width. */
  sidebarCollapsed: boolean | null;
  setSidebarCollapsed: (collapsed: boolean) => void;
  setLibrary: (patch: Partial<LibraryFilters>) => void;
  resetLibrary: () => void;
  rubricView: RubricView;
  setRubricView: (view: RubricView) => void;
}

const initialLibrary: LibraryFilters = {
  text: '',
  kind: 'all',
  difficulty: '',
  topic: '',
  maxTimeMin: null,
  practice: '',
};

export const useUi = create<UiState>((set) => ({
  library: initialLibrary,
  sidebarCollapsed: null,
  setSidebarCollapsed: (collapsed) => set({ sidebarCollapsed: collapsed }),
  setLibrary: (patch) => set((s) => ({ library: { ...s.library, ...patch } })),
  resetLibrary: () => set({ library: initialLibrary }),
  rubricView: 'one',
  setRubricView: (rubricView) => set({ rubricView }),
}));
