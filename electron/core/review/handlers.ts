/** Looking back: history, trends and reports. */
import { AppError } from '../../../shared/api/envelope';
import type { Core, HandlerSlice } from '../core';

type ReviewCalls = 'history.list' | 'trends.get' | 'session.exportMarkdown' | 'report.savePdf';

export function reviewHandlers(core: Core): HandlerSlice<ReviewCalls> {
  return {
    'history.list': (q) => core.stores().review.history(q),
    'trends.get': () => core.stores().review.trends(),
    'session.exportMarkdown': (input) =>
      core.stores().reports.markdown(input.id, input.whiteboardPng, {
        locale: input.locale,
        timeZone: input.timeZone,
      }),
    'report.savePdf': () => {
      // The desktop shell prints the asking window itself (printToPDF); reaching the back end means
      // the shell did not, as in the web shell, where the browser's own print makes the PDF.
      throw new AppError('BAD_INPUT', 'Use your browser’s Print → Save as PDF to keep this report.');
    },
  };
}
