/**
 * Array and record schemas that stop at the first bad element.
 *
 * `z.array(x)` checks every element and builds an issue object (with its
 * path) for each failure: a hostile 2 MB array of bad elements made 520 MB of
 * issues. A server answer is either right or refused as a whole, so one issue
 * says all the app needs (issue 11 item 5). These keep the output types of
 * `z.array` / `z.record`; use them for every list or map that comes from the
 * network.
 */
import { z } from 'zod';

type Ctx = { issues: unknown[] };

function report(ctx: Ctx, path: PropertyKey[], error: z.ZodError): typeof z.NEVER {
  const first = error.issues[0];
  // Only the first issue, without the input (reportInput is off by default).
  ctx.issues.push({ code: 'custom', message: first?.message ?? 'invalid', path: [...path, ...(first?.path ?? [])], input: undefined });
  return z.NEVER;
}

/** Like `z.array(element)`, but validation stops at the first bad element. */
export function firstIssueArray<T extends z.ZodType>(element: T): z.ZodType<Array<z.output<T>>, Array<z.input<T>>> {
  return z.array(z.unknown()).transform((items, ctx) => {
    const out: Array<z.output<T>> = [];
    for (let i = 0; i < items.length; i++) {
      const r = element.safeParse(items[i]);
      if (!r.success) return report(ctx as unknown as Ctx, [i], r.error);
      out.push(r.data);
    }
    return out;
  }) as unknown as z.ZodType<Array<z.output<T>>, Array<z.input<T>>>;
}

/** Like `z.record(z.string(), value)`, but validation stops at the first bad value. */
export function firstIssueRecord<T extends z.ZodType>(value: T): z.ZodType<Record<string, z.output<T>>, Record<string, z.input<T>>> {
  return z.record(z.string(), z.unknown()).transform((items, ctx) => {
    const out: Record<string, z.output<T>> = {};
    for (const [key, item] of Object.entries(items)) {
      const r = value.safeParse(item);
      if (!r.success) return report(ctx as unknown as Ctx, [key], r.error);
      // defineProperty: a `__proto__` key from JSON stays a plain entry.
      Object.defineProperty(out, key, { value: r.data, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }) as unknown as z.ZodType<Record<string, z.output<T>>, Record<string, z.input<T>>>;
}
