/** Letters that carry no combining mark to strip, folded the way people type them without the key. */
const LETTERS: Record<string, string> = { ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ß: "ss", ı: "i" };

/** Lower-case, accents removed, spaces collapsed: "Zoë  Ørsted" → "zoe orsted". */
export function foldText(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øłđðþæœßı]/g, (c) => LETTERS[c])
    .replace(/\s+/g, " ")
    .trim();
}

/** The sort and search keys stored with every user; recompute whenever a name or email is written. */
export function userKeys(user: { firstName: string; lastName: string; email: string }) {
  const nameKey = foldText(`${user.firstName} ${user.lastName}`);
  return { nameKey, searchText: `${nameKey} ${foldText(user.email)}` };
}
