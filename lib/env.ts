// Numeric settings from the environment, read at call time so tests and scripts may change them.
// No server-only marker: the proxy reads session lifetimes through it.

/** A positive number (fractions allowed), or `fallback` when the variable is unset or isn't one. */
export function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A count: a positive whole number, or `fallback` when the variable is unset or isn't one. */
export function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
