import { route } from '@platform/libs/http';
import { gifts } from '@platform/gift-tracker/repositories';
import { giftList } from '../schemas';
import type { GiftFilters } from '@platform/gift-tracker/model';

type Query = GiftFilters & { limit: number; cursor?: string };

/** GET /gifts?contactId=&eventId=&status=&direction=: newest first; one Query on the index of the most selective filter. */
export const handler = route<undefined, Query>({ query: giftList }, async ({ query, principal }) => {
  const { limit, cursor, ...filters } = query;
  return gifts.list(principal.userId, filters, { limit, cursor });
});
