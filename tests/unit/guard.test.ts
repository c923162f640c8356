import { describe, expect, it } from 'vitest';
import { refuseApiRequest } from '../../electron/web/guard';

const base = {
  method: 'POST',
  host: '127.0.0.1:5174',
  origin: 'http://127.0.0.1:5174',
  secFetchSite: 'same-origin',
  contentType: 'application/json',
};

describe('web shell request guard', () => {
  it('accepts the app’s own requests', () => {
    expect(refuseApiRequest(base, 5174)).toBeNull();
    expect(refuseApiRequest({ ...base, origin: undefined, secFetchSite: undefined }, 5174)).toBeNull();
    expect(
      refuseApiRequest({ ...base, host: 'localhost:5174', origin: 'http://localhost:5174' }, 5174),
    ).toBeNull();
  });
  it('refuses other origins, cross-site fetches, rebinding hosts and non-JSON bodies', () => {
    expect(refuseApiRequest({ ...base, origin: 'http://evil.example' }, 5174)).toMatch(/other origins/);
    expect(refuseApiRequest({ ...base, origin: 'http://127.0.0.1:9999' }, 5174)).toMatch(/other origins/);
    expect(refuseApiRequest({ ...base, secFetchSite: 'cross-site' }, 5174)).toMatch(/cross-site/);
    expect(refuseApiRequest({ ...base, host: 'evil.example:5174' }, 5174)).toMatch(/Host/);
    expect(refuseApiRequest({ ...base, host: undefined }, 5174)).toMatch(/Host/);
    expect(refuseApiRequest({ ...base, contentType: 'text/plain' }, 5174)).toMatch(/JSON/);
  });
});
