import { stripStorage } from '../src/repositories/table';
import { toGift } from '../src/repositories/gifts';

// toGift is written out field by field for speed: it must answer what the generic mapping did (values and key order).
const generic = (item: Record<string, unknown>) => {
  const { imageIds, images, ...rest } = item as { imageIds?: Set<string>; images?: string[] };
  const absent = { contactId: null, eventId: null, price: null, url: null, store: null, notes: null, date: null };
  return stripStorage({ ...absent, ...rest, images: [...(imageIds ?? images ?? [])].sort() });
};
const stored = {
  pk: 'USER#u',
  sk: 'GIFT#01J0000000000000000000000G',
  userId: 'u',
  nameKey: 'book',
  gsi1pk: 'USER#u#GIFTS',
  gsi1sk: '2030-01-01#01J0000000000000000000000G',
  version: 2,
  updatedAt: '2026-01-02T00:00:00.000Z',
  name: 'Book',
  id: '01J0000000000000000000000G',
  direction: 'given',
  status: 'idea',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('a gift as clients see it', () => {
  it.each([
    ['a stored gift without optional fields', stored],
    [
      'a stored gift with every field and images',
      {
        ...stored,
        contactId: 'C',
        eventId: 'E',
        price: { amount: 1250, currency: 'EUR' },
        url: 'https://example.com',
        store: 'Shop',
        notes: 'n',
        date: '2030-01-01',
        imageIds: new Set(['I2', 'I1']),
      },
    ],
    ['a gift being written (images, nulls)', { ...generic(stored), images: ['I2', 'I1'] }],
  ])('%s: the same values in the same order', (_case, item) => {
    const reply = toGift(item as never);
    expect(reply).toEqual(generic(item));
    expect(Object.keys(reply)).toEqual(Object.keys(generic(item)));
  });
});
