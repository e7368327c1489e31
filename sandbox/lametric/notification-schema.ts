/**
 * The Notification object a LaMetric Time accepts on `POST /api/v2/device/notifications`.
 *
 * Why: the sandbox clock must refuse what a real one would not show, so client bugs surface in
 * tests (lametric/Documentation `device-notifications.rst`): `model.frames` holds simple
 * (icon + text), goal (icon + goalData) or spike-chart frames; `priority` is info, warning or
 * critical; `icon_type` none, info or alert; `lifetime` in milliseconds (default 2 minutes);
 * `model.sound` has a category (notifications or alarms) and an id from that category's list;
 * `model.cycles` ≥ 0 (0 = until dismissed). Unknown top-level keys are refused (`lifeTime`
 * of older examples included: the reference table spells it `lifetime`).
 */
import { z } from 'zod';

/** Sound ids of the `notifications` category. */
export const NOTIFICATION_SOUNDS = [
  'bicycle', 'car', 'cash', 'cat', 'dog', 'dog2', 'energy', 'knock-knock', 'letter_email', 'lose1', 'lose2',
  'negative1', 'negative2', 'negative3', 'negative4', 'negative5', 'notification', 'notification2', 'notification3',
  'notification4', 'open_door', 'positive1', 'positive2', 'positive3', 'positive4', 'positive5', 'positive6',
  'statistic', 'thunder', 'water1', 'water2', 'win', 'win2', 'wind', 'wind_short',
] as const;

/** Sound ids of the `alarms` category. */
export const ALARM_SOUNDS = Array.from({ length: 13 }, (_, i) => `alarm${i + 1}`);

/** An icon: a gallery id (`i620`, `a7956`) or a base64 PNG/GIF data URI. */
const Icon = z.string().regex(/^(?:[ia]\d{1,7}|data:image\/(?:png|gif);base64,[A-Za-z0-9+/=]+)$/, 'icon must be an id like i620 or a base64 data URI');

const SimpleFrame = z.strictObject({ icon: Icon.optional(), text: z.string().max(1000), index: z.number().int().nonnegative().optional() });
const GoalFrame = z.strictObject({
  icon: Icon.optional(),
  goalData: z.strictObject({ start: z.number().int(), current: z.number().int(), end: z.number().int(), unit: z.string().max(10).optional() }),
  index: z.number().int().nonnegative().optional(),
});
const ChartFrame = z.strictObject({ chartData: z.array(z.number().int()).min(1).max(64), index: z.number().int().nonnegative().optional() });

const Sound = z
  .strictObject({ category: z.enum(['notifications', 'alarms']), id: z.string(), repeat: z.number().int().nonnegative().optional() })
  .refine((s) => (s.category === 'alarms' ? ALARM_SOUNDS.includes(s.id) : (NOTIFICATION_SOUNDS as readonly string[]).includes(s.id)), {
    message: 'sound id is not in its category',
    path: ['id'],
  });

/** The body of `POST /api/v2/device/notifications`. */
export const NotificationBodySchema = z.strictObject({
  priority: z.enum(['info', 'warning', 'critical']).optional(),
  icon_type: z.enum(['none', 'info', 'alert']).optional(),
  lifetime: z.number().int().positive().optional(),
  model: z.strictObject({
    frames: z.array(z.union([SimpleFrame, GoalFrame, ChartFrame])).min(1).max(20),
    sound: Sound.optional(),
    cycles: z.number().int().nonnegative().optional(),
  }),
});
/** @see NotificationBodySchema */
export type NotificationBody = z.infer<typeof NotificationBodySchema>;

/**
 * Validate a parsed body.
 *
 * @returns the notification, or a short description of the first problem.
 */
export function checkNotification(body: unknown): { ok: true; value: NotificationBody } | { ok: false; problem: string } {
  const r = NotificationBodySchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}
