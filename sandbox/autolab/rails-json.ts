/**
 * Rails-compatible JSON serialisation.
 *
 * Why: Autolab (Rails) emits floats as `80.0` and escapes `<`, `>`, `&` inside strings as
 * `\u003c`, `\u003e`, `\u0026` (autolab-api.md §4.0, §8). `JSON.stringify` does neither, and
 * clients in the wild parse these bytes strictly.
 */

/**
 * A number that must be written as a float.
 *
 * Why: JavaScript has one number type; a wrapper marks the fields Rails writes as floats
 * (scores, `max_score`, `max_total_score`) so `80` comes out as `80.0` (§8).
 */
export class Float {
  /** @param value the numeric value */
  constructor(readonly value: number) {}
}

/** Wrap a number as a float field, passing `null` through (§4.9 scores may be null). */
export function float(value: number | null): Float | null {
  return value === null ? null : new Float(value);
}

/** A value the serialiser accepts. */
export type RailsJsonValue =
  | null
  | boolean
  | number
  | string
  | Float
  | RailsJsonValue[]
  | { [key: string]: RailsJsonValue | undefined };

function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}

function formatString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Serialise a value the way Autolab's Rails `render json:` does.
 *
 * Why: byte-level compatibility (§4.0, §8): floats keep `.0`, integers stay integers,
 * HTML-significant characters are escaped, `undefined` keys are omitted.
 */
export function toRailsJson(value: RailsJsonValue): string {
  if (value === null) return 'null';
  if (value instanceof Float) return formatFloat(value.value);
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return formatString(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(toRailsJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    parts.push(`${formatString(k)}:${toRailsJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Write a float the way Ruby's `Float#to_s` does, for the Tango autoresult line.
 *
 * Why: the raw autograder log ends with `{"scores": {"Correctness": 80.0}}` (§4.10).
 */
export function rubyFloat(n: number): string {
  return formatFloat(n);
}
