/** Text keys shared by services (contacts are searched by name; gifts are matched by name). */

/**
 * The key a contact's name is stored and searched under: NFKC-normalized (full-width and
 * compatibility forms fold to their plain letters), lower-cased, trimmed, inner whitespace runs
 * collapsed to one space. Store `normalizeNameKey(name)`; query with begins_with(normalizeNameKey(q)).
 */
export function normalizeNameKey(name: string): string {
  // NFKC again after lower-casing: a few lower-case mappings leave a non-normalized sequence
  return name.normalize('NFKC').toLowerCase().normalize('NFKC').trim().replace(/\s+/gu, ' ');
}
