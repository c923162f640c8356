/** Looking back: history, trends and reports. */
import type { Core, HandlerSlice } from '../core';

type ReviewCalls = 'history.list' | 'trends.get' | 'session.exportMarkdown' | 'session.exportPdf';

export function reviewHandlers(core: Core): HandlerSlice<ReviewCalls> {
  return {
    'history.list': (q) => core.stores().review.history(q),
    'trends.get': () => core.stores().review.trends(),
    'session.exportMarkdown': (input) => core.stores().reports.markdown(input.id, input.whiteboardPng),
    'session.exportPdf': (input) => core.stores().reports.pdf(input.id, input.whiteboardPng),
  };
}
