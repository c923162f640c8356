/** The app's one set of interview openings, made through the API client (see opening.ts). */
import { call } from '../api/client';
import { openings } from './opening';

export const { openEarly, takeOpening } = openings({
  alive: (id) => call('session.alive', { id }),
  get: (id) => call('session.get', { id }),
});
