/** Server-generated ids: ULIDs, sortable by creation time. */
import { monotonicFactory, isValid } from 'ulid';

const next = monotonicFactory();

export const newId = (): string => next();

export const isId = (value: unknown): value is string => typeof value === 'string' && isValid(value);
