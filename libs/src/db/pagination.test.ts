import { cursorScope, decodeCursor, encodeCursor, loadCursorKey, seekAfter } from './pagination';

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const key = { pk: 'USER#alice', sk: 'GIFT#01J00000000000000000000001', gsi1pk: 'USER#alice#GIFTS', gsi1sk: '2026-01-01#01J00000000000000000000001' };
const query = (partition: string, filter?: string) => ({
  TableName: 'platform-local-gift-tracker',
  IndexName: 'gsi1',
  KeyConditionExpression: 'gsi1pk = :partition',
  ExpressionAttributeValues: { ':partition': partition, ...(filter ? { ':status': filter } : {}) },
});
const alice = cursorScope(query('USER#alice#GIFTS'));
const expectInvalid = (run: () => unknown) => expect(run).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_CURSOR' }));

// The local stage with no secrets configured: the development cursor secret.
beforeAll(() => loadCursorKey());

describe('list cursors', () => {
  it('opens for the query that sealed it, and reads as nothing a client could use', () => {
    const cursor = encodeCursor(key, alice) as string;
    expect(decodeCursor(cursor, KEYS, alice)).toEqual(key);
    expect(cursor).not.toContain('alice');
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('USER#');
  });

  it('is different every time, so equal pages do not give equal cursors', () => {
    expect(encodeCursor(key, alice)).not.toEqual(encodeCursor(key, alice));
  });

  it('has no cursor after the last page', () => {
    expect(encodeCursor(undefined, alice)).toBeNull();
    expect(decodeCursor(undefined, KEYS, alice)).toBeUndefined();
  });

  it.each([
    ['another user', query('USER#bob#GIFTS')],
    ['another filter', query('USER#alice#GIFTS', 'given')],
    ['another list', { ...query('USER#alice#GIFTS'), IndexName: 'gsi5' }],
    ['another sort order', { ...query('USER#alice#GIFTS'), ScanIndexForward: false }],
  ])('does not open for %s', (_name, other) => {
    const cursor = encodeCursor(key, alice) as string;
    expectInvalid(() => decodeCursor(cursor, KEYS, cursorScope(other)));
  });

  it.each([
    ['a forged readable key', () => Buffer.from(JSON.stringify(key)).toString('base64url')],
    ['garbage', () => 'not a cursor at all'],
    ['an empty string', () => ''],
    ['a truncated cursor', () => (encodeCursor(key, alice) as string).slice(0, 30)],
  ])('refuses %s with 400 INVALID_CURSOR', (_name, cursor) => {
    expectInvalid(() => decodeCursor(cursor(), KEYS, alice));
  });

  it('refuses a cursor with one byte changed', () => {
    const bytes = Buffer.from(encodeCursor(key, alice) as string, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expectInvalid(() => decodeCursor(bytes.toString('base64url'), KEYS, alice));
  });
});

describe('a cursor as a key condition (seekAfter)', () => {
  it.each([
    ['newest first reads on below the cursor', false, '<'],
    ['oldest first reads on above it', true, '>'],
    ['the default order is oldest first', undefined, '>'],
  ])('%s', (_rule, forward, operator) => {
    const input = { ...query('USER#alice#GIFTS', 'given'), ExpressionAttributeNames: { '#f_status': 'status' }, ScanIndexForward: forward };
    expect(seekAfter(input, 'gsi1sk', key)).toEqual({
      ...input,
      KeyConditionExpression: `gsi1pk = :partition AND #cursorSortKey ${operator} :cursorSortKey`,
      ExpressionAttributeNames: { '#f_status': 'status', '#cursorSortKey': 'gsi1sk' },
      ExpressionAttributeValues: { ':partition': 'USER#alice#GIFTS', ':status': 'given', ':cursorSortKey': key.gsi1sk },
    });
  });
});
