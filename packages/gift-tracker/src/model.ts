/**
 * The Gift Tracker model: what a contact, an event, a gift and a gift's image are, as clients see
 * them. Plain types; the domain decides, the repositories store (with their own storage fields).
 */
import type { Money } from '@platform/libs/money';
import type { GiftDirection } from './domain/gift-status';

export interface ContactFields {
  name: string;
  relationship?: string | null;
  birthday?: string | null; // YYYY-MM-DD or --MM-DD
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
  interests?: string[] | null;
  sizes?: Record<string, string> | null;
}

export interface Contact extends ContactFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const EVENT_TYPES = ['birthday', 'holiday', 'anniversary', 'wedding', 'other'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const RECURRENCES = ['none', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export interface EventFields {
  name: string;
  type: EventType;
  date: string;
  recurring: Recurrence;
  contactIds: string[];
  budget: Money | null;
}

export interface GiftTrackerEvent extends EventFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The event with its storage-only currency, for the rules that need it. */
export interface StoredEvent extends GiftTrackerEvent {
  currency?: string;
}

export interface GiftFields {
  name: string;
  direction: GiftDirection;
  status: string;
  contactId: string | null;
  eventId: string | null;
  price: Money | null;
  url: string | null;
  store: string | null;
  notes: string | null;
  date: string | null;
}

export interface Gift extends GiftFields {
  id: string;
  images: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface GiftFilters {
  contactId?: string;
  eventId?: string;
  status?: string;
  direction?: string;
}

/** What a gift's photo may be: these types, at most 10 MiB. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface GiftImage {
  id: string;
  giftId: string;
  contentType: string;
  size: number;
  /** the object key: <userId>/<giftId>/<imageId> */
  key: string;
  status: 'pending' | 'uploaded';
  createdAt: string;
  uploadedAt?: string;
}
