/**
 * The LaMetric cloud sandbox's Indicator app push URL (providers.md §2.3 B).
 *
 * Why: `POST /api/v1/dev/widget/update/com.lametric.<id>/<version>` with `X-Access-Token`
 * replaces what the user's private Indicator app shows with a JSON `{"frames":[…]}` (frames as the
 * clock's notifications take them, plus `index`); a wrong token answers the cloud's documented
 * 401; frames the clock could not show answer 400. The real answer's body is not documented.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { NotificationBodySchema } from './notification-schema.js';
import type { CloudContext } from './cloud-routes.js';
import { json, unauthorized } from './cloud-json.js';

const IndicatorBodySchema = z.strictObject({ frames: NotificationBodySchema.shape.model.shape.frames });

/** Answer one push to an Indicator app (`m`: the path match with id and version). Never rejects. */
export async function indicatorPush(ctx: CloudContext, req: IncomingMessage, res: ServerResponse, path: string, m: RegExpExecArray): Promise<void> {
  const app = ctx.state.indicators.find((a) => a.id === m[1] && String(a.version) === m[2]);
  const token = req.headers['x-access-token'];
  let status = 200;
  try {
    if (!app) {
      req.resume();
      return void ((status = 404), json(res, 404, { errors: [{ message: 'Not found' }] }));
    }
    if (typeof token !== 'string' || token !== app.accessToken) {
      req.resume();
      status = 401;
      return unauthorized(res);
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    const parsed = IndicatorBodySchema.safeParse(body);
    if (!parsed.success) return void ((status = 400), json(res, 400, { errors: [{ message: 'Request validation failed' }] }));
    app.frames = parsed.data.frames;
    app.pushes.push(parsed.data.frames);
    json(res, 200, { success: { data: { frames: parsed.data.frames } } });
  } finally {
    ctx.log({ method: 'POST', path, status });
  }
}

