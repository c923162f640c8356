/** The library (built-in and imported content) and content packs. */
import { AppError } from '../../../shared/api/envelope';
import type { Core, HandlerSlice } from '../core';
import { Library, packSource } from './library';

type LibraryCalls =
  | 'library.list'
  | 'library.facets'
  | 'problem.get'
  | 'concept.get'
  | 'question.get'
  | 'drill.get'
  | 'packs.list'
  | 'packs.import'
  | 'packs.export'
  | 'packs.remove';

function notFound(kind: string, id: string): AppError {
  return new AppError('NOT_FOUND', `There is no ${kind} called "${id}" in your library.`);
}

export function libraryHandlers(core: Core): HandlerSlice<LibraryCalls> {
  return {
    'library.list': (q) => core.library().list(q, core.openStores()?.review.lastByProblem()),
    'library.facets': () => core.library().facets(),
    'problem.get': ({ id }) => {
      const library = core.library();
      const entry = library.problems.get(id);
      if (!entry) throw notFound('problem', id);
      const p = entry.item;
      return {
        problem: p,
        packId: entry.packId,
        concepts: library.conceptRefs(p.relatedConcepts),
        labs: library.labRefs(p.relatedLabs),
        linkedFrom: library.linkedFrom('problem', id),
      };
    },
    'concept.get': ({ id }) => {
      const library = core.library();
      const entry = library.concepts.get(id);
      if (!entry) throw notFound('concept', id);
      const c = entry.item;
      return {
        concept: c,
        packId: entry.packId,
        problems: library.problemRefs(c.relatedProblems),
        labs: library.labRefs(c.relatedLabs),
        linkedFrom: library.linkedFrom('concept', id),
      };
    },
    'question.get': ({ id }) => {
      const library = core.library();
      const entry = library.questions.get(id);
      if (!entry) throw notFound('question', id);
      const q = entry.item;
      return {
        question: q,
        packId: entry.packId,
        concepts: library.conceptRefs(q.relatedConcepts),
        problems: library.problemRefs(q.relatedProblems),
      };
    },
    'drill.get': ({ id }) => {
      const library = core.library();
      const entry = library.drills.get(id);
      if (!entry) throw notFound('drill', id);
      const d = entry.item;
      return {
        drill: d,
        packId: entry.packId,
        concepts: library.conceptRefs(d.relatedConcepts),
        problems: library.problemRefs(d.relatedProblems),
      };
    },
    'packs.list': () => {
      const b = core.builtin;
      const builtin = {
        manifest: b.manifest,
        builtin: true,
        importedAt: null,
        counts: {
          problems: b.problems.length,
          concepts: b.concepts.length,
          questions: b.questions.length,
          drills: b.drills.length,
        },
      };
      return [builtin, ...core.stores().packs.list()];
    },
    'packs.import': async ({ fileName, text }) => {
      const known = new Library([packSource(core.builtin)]).knownIds();
      const installed = await core.stores().packs.import(fileName, text, core.builtin, known);
      core.rebuildLibrary();
      core.emit('content.changed', { packId: installed.manifest.id, change: 'imported' });
      return installed;
    },
    'packs.export': ({ id }) => {
      const pack = id === core.builtin.manifest.id ? core.builtin : core.stores().packs.get(id);
      if (!pack) throw new AppError('NOT_FOUND', `There is no installed pack called "${id}".`);
      return {
        fileName: `${pack.manifest.id}-${pack.manifest.version}.json`,
        text: JSON.stringify(pack, null, 2),
      };
    },
    'packs.remove': ({ id }) => {
      if (id === core.builtin.manifest.id)
        throw new AppError('CONFLICT', 'The built-in pack cannot be removed.');
      const removed = core.stores().packs.remove(id);
      if (removed) {
        core.rebuildLibrary();
        core.emit('content.changed', { packId: id, change: 'removed' });
      }
      return { removed };
    },
  };
}
