// SCIM filters (RFC 7644 §3.4.2.2), the part identity providers send: `attr eq value` joined by
// `and`. Attribute names and operators are case-insensitive, values quoted (JSON string escapes) or
// bare (true, false, null, numbers, or a bare word, which some clients send). A value filter on a
// multi-valued attribute (`emails[type eq "work"].value`) keeps its sub-attribute. Anything else is
// refused as `invalidFilter`, never guessed at.

export interface Comparison {
  /** Lower-case attribute path: "username", "externalid", "emails.value", "id", "displayname"… */
  path: string;
  value: string | boolean | number | null;
}

export class FilterError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|([^\s()"]+))/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let rest = text.trim();
  while (rest.length > 0) {
    TOKEN.lastIndex = 0;
    const match = TOKEN.exec(rest);
    if (!match || match[0].length === 0) throw new FilterError(`Can't read the filter at "${rest.slice(0, 20)}"`);
    out.push((match[1] ?? match[2] ?? match[3] ?? match[4])!);
    rest = rest.slice(match[0].length).trimStart();
  }
  return out;
}

function valueOf(token: string): Comparison["value"] {
  if (token.startsWith('"')) {
    try {
      return JSON.parse(token) as string;
    } catch {
      throw new FilterError("A quoted value isn't a valid string");
    }
  }
  const lower = token.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  if (lower === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  return token; // a bare word: some clients leave values unquoted
}

/** `emails[type eq "work"].value` → "emails.value" (the only type we keep is work); `name.givenName` stays dotted. */
function pathOf(token: string): string {
  const bracket = /^([A-Za-z][\w-]*)\[\s*type\s+eq\s+"?(\w+)"?\s*\](?:\.([A-Za-z][\w-]*))?$/i.exec(token);
  if (bracket) {
    if (bracket[2].toLowerCase() !== "work") throw new FilterError("Only work emails exist here");
    return `${bracket[1]}.${bracket[3] ?? "value"}`.toLowerCase();
  }
  const plain = /^(?:urn:ietf:params:scim:schemas:core:2\.0:(?:User|Group):)?([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)?)$/i.exec(token);
  if (!plain) throw new FilterError(`"${token}" is not an attribute`);
  return plain[1].toLowerCase();
}

/** The comparisons of a filter, all of which must hold. */
export function parseFilter(text: string): Comparison[] {
  if (text.length > 1000) throw new FilterError("The filter is too long");
  // A bracketed value filter is one token for our purposes: join it back before splitting.
  const joined = text.replace(/\[[^\]]*\]/g, (inner) => inner.replace(/\s+/g, "\u0000").replace(/"/g, "\u0001"));
  const parts = tokens(joined).map((t) => t.replace(/\u0000/g, " ").replace(/\u0001/g, '"'));
  const comparisons: Comparison[] = [];
  let i = 0;
  for (;;) {
    const [attr, op, raw] = [parts[i], parts[i + 1], parts[i + 2]];
    if (attr === undefined || op === undefined || raw === undefined) throw new FilterError("A comparison is incomplete");
    if (op.toLowerCase() !== "eq") throw new FilterError(`The operator "${op}" isn't supported; use eq`);
    comparisons.push({ path: pathOf(attr), value: valueOf(raw) });
    i += 3;
    if (i === parts.length) return comparisons;
    if (parts[i].toLowerCase() !== "and") throw new FilterError(`Expected "and", found "${parts[i]}"`);
    i += 1;
  }
}

/**
 * The lookup a filter asks for, by the attributes `keys` maps (lower-case path → lookup key);
 * null for no filter, "none" when one attribute is asked two different values (nobody matches).
 * An attribute outside `keys` throws `refuse(path)`; so does an unreadable filter (its message).
 */
export function lookupOf<K extends string>(
  filter: string | null,
  keys: Record<string, K>,
  refuse: (message: string) => Error,
  unknownAttribute: (path: string) => string,
  normalize: (key: K, text: string) => string = (_key, text) => text,
): Partial<Record<K, string>> | "none" | null {
  if (filter === null || filter.trim() === "") return null;
  let comparisons: Comparison[];
  try {
    comparisons = parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterError) throw refuse(error.message);
    throw error;
  }
  const lookup: Partial<Record<K, string>> = {};
  for (const { path, value } of comparisons) {
    const key = keys[path];
    if (!key) throw refuse(unknownAttribute(path));
    const wanted = normalize(key, value === null ? "" : String(value));
    if (lookup[key] !== undefined && lookup[key] !== wanted) return "none";
    lookup[key] = wanted;
  }
  return lookup;
}

/** A whole-number query parameter, or `fallback`. */
export const intParam = (value: string | null, fallback: number) => (value !== null && Number.isInteger(Number(value)) ? Number(value) : fallback);
