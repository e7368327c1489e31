/**
 * zod without eval, configured before any schema is built (import it first).
 *
 * The CSP forbids eval (`script-src 'self'`); zod would otherwise probe
 * `new Function` when each object schema is built, and every probe is
 * reported as a CSP violation (issue 11).
 */
import { z } from 'zod';

z.config({ jitless: true });
