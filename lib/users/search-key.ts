/** Lower-case, accents removed, spaces collapsed: "Zoë  Ørsted" → "zoe ørsted". */
export function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The sort and search keys stored with every user; recompute whenever a name or email is written. */
export function userKeys(user: { firstName: string; lastName: string; email: string }) {
  const nameKey = foldText(`${user.firstName} ${user.lastName}`);
  return { nameKey, searchText: `${nameKey} ${foldText(user.email)}` };
}
