export { contacts, ContactRepository, toContact, monthDay, type Contact, type ContactFields } from './contacts';
export { events, EventRepository, toEvent, type GiftTrackerEvent, type StoredEvent, type EventFields, type EventType, type Recurrence, type Calendar } from './events';
export { gifts, GiftRepository, toGift, type Gift, type GiftFields, type GiftFilters, type StoredGift } from './gifts';
export { images, ImageRepository, type GiftImage } from './images';
export { assertVersion, write, TABLE } from './table';
