import { MAX_FAILURES, WINDOW_MS, retryAfterSeconds } from '../../src/domain/throttle';

const start = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('login throttling', () => {
  it.each([
    ['no failures yet', undefined, start, 0],
    ['four failures in the window', { count: MAX_FAILURES - 1, windowStart: start }, start + 1000, 0],
    ['the fifth failure locks until the window ends', { count: MAX_FAILURES, windowStart: start }, start + 1000, WINDOW_MS / 1000 - 1],
    ['a partial second counts as a whole one', { count: MAX_FAILURES, windowStart: start }, start + 500, WINDOW_MS / 1000],
    ['the lock ends with the window', { count: MAX_FAILURES, windowStart: start }, start + WINDOW_MS, 0],
    ['many failures in an old window lock nothing', { count: 40, windowStart: start }, start + WINDOW_MS + 1, 0],
  ])('%s', (_rule, failures, now, expected) => {
    expect(retryAfterSeconds(failures, now)).toBe(expected);
  });
});
