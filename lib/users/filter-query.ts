/**
 * The users list's query string from a filter form's fields, as the server and the search-as-you-type
 * form both write it: empty values left out, the search trimmed, keys sorted. Equal strings mean the
 * same view, which is how the form tells its own navigations from others (Clear, Back).
 */
export function filterQuery(entries: Iterable<[string, string | undefined]>): string {
  const query = new URLSearchParams();
  const sorted = [...entries]
    .map(([key, value]): [string, string] => [key, key === "q" ? (value ?? "").trim() : (value ?? "")])
    .filter(([, value]) => value !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of sorted) query.set(key, value);
  return query.toString();
}
