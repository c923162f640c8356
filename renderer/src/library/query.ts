import type { LibraryFilters } from '../state/ui';

/** The library.list query for a set of filters (also used to fetch the first page at start-up). */
export function libraryQuery(filters: LibraryFilters, text = filters.text) {
  return {
    text: text.trim() || undefined,
    kinds: filters.kind === 'all' ? undefined : [filters.kind],
    difficulty: filters.difficulty || undefined,
    topic: filters.topic || undefined,
    maxTimeMin: filters.maxTimeMin ?? undefined,
    practice: filters.practice || undefined,
  };
}
