export { contacts, ContactRepository, toContact } from './contacts';
export { events, EventRepository, toEvent } from './events';
export { gifts, GiftRepository, toGift, type StoredGift } from './gifts';
export { images, ImageRepository } from './images';
export { assertVersion, write, TABLE } from './table';
export { relayCalendar } from './calendar';
