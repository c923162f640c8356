/** Labs: the library items that use a lab, and the user's saved edits of a lab's code. */
import { AppError } from '../../../shared/api/envelope';
import { LABS } from '../../../shared/labs/catalog';
import type { Core, HandlerSlice } from '../core';

type LabCalls = 'lab.links' | 'labEdit.get' | 'labEdit.save' | 'labEdit.reset';

function knownLab(labId: string): string {
  if (!LABS.some((l) => l.id === labId)) throw new AppError('NOT_FOUND', `There is no lab called ${labId}.`);
  return labId;
}

export function labHandlers(core: Core): HandlerSlice<LabCalls> {
  const edits = () => core.stores().labEdits;
  return {
    'lab.links': ({ labId }) => {
      const library = core.library();
      const concepts = [...library.concepts.values()]
        .filter((c) => c.item.relatedLabs.includes(labId))
        .map((c) => ({ kind: 'concept' as const, id: c.item.id, title: c.item.title }));
      const problems = [...library.problems.values()]
        .filter((p) => p.item.relatedLabs.includes(labId))
        .map((p) => ({ kind: 'problem' as const, id: p.item.id, title: p.item.title }));
      return { concepts, problems };
    },
    'labEdit.get': ({ labId }) => edits().get(knownLab(labId)),
    'labEdit.save': ({ labId, code }) => edits().save(knownLab(labId), code),
    'labEdit.reset': ({ labId }) => ({ deleted: edits().reset(knownLab(labId)) }),
  };
}
