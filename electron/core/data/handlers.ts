/** The data file itself: its state, moving a damaged one aside, retrying an open, backup and restore. */
import { AppError } from '../../../shared/api/envelope';
import type { Core, HandlerSlice } from '../core';
import { moveAside } from '../db/index';

type DataCalls = 'app.status' | 'app.resetDatabase' | 'app.retryOpen' | 'data.backup' | 'data.restore';

export function dataHandlers(core: Core): HandlerSlice<DataCalls> {
  const shellOnly = (): never => {
    // These move whole files, so each shell carries them itself (a dialog, or a streamed upload);
    // reaching the back end as a plain call means the shell did not.
    throw new AppError('BAD_INPUT', 'Backups are made and restored from the Settings screen.');
  };
  return {
    'app.status': () => core.status(),
    'app.resetDatabase': () => {
      const status = core.status();
      if (status.db.state !== 'error' || status.db.problem.kind !== 'corrupt') {
        throw new AppError('CONFLICT', 'Only a data file that cannot be read can be moved aside.');
      }
      core.closeDb();
      const movedTo = moveAside(core.dbFile, core.options.now);
      core.log(`moved unreadable database aside to ${movedTo}`);
      core.reopen();
      return { movedTo, status: core.status() };
    },
    'app.retryOpen': () => {
      if (core.status().db.state === 'error') core.reopen();
      return core.status();
    },
    'data.backup': shellOnly,
    'data.restore': shellOnly,
  };
}
