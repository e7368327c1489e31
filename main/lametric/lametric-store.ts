/**
 * The paired clock and the LaMetric cloud settings on disk (non-secret).
 *
 * The clock's address, ports, pinned certificate and last push outcome, and the cloud's URL,
 * client id and fixed redirect port, and the Indicator app's push URL, in `lametric.json` in the data folder (validated with zod,
 * written atomically). The clock's API key, the cloud client secret and the cloud refresh
 * token live in the SecretStore under {@link LAMETRIC_SECRET_KEYS}, never here.
 */
import path from 'node:path';
import { z } from 'zod';
import { LastPushSchema, type LastPush } from '../../preload/contract';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/** Where the LaMetric secrets are kept in the SecretStore. */
export const LAMETRIC_SECRET_KEYS = {
  apiKey: 'lametric/clock/api-key',
  clientSecret: 'lametric/cloud/client-secret',
  refreshToken: 'lametric/cloud/refresh',
  indicatorToken: 'lametric/indicator/access-token',
} as const;

/** The default LaMetric cloud. */
export const DEFAULT_CLOUD_URL = 'https://developer.lametric.com';
/** The default fixed loopback port for the cloud redirect (LaMetric matches redirect URIs exactly). */
export const DEFAULT_REDIRECT_PORT = 47613;

const ClockRecordSchema = z.object({
  name: z.string(),
  address: z.string(),
  host: z.string(),
  httpsPort: z.number().int(),
  httpPort: z.number().int(),
  allowHttp: z.boolean(),
  pinnedPem: z.string(),
  pinnedSha256: z.string(),
  pendingPem: z.string().nullable(),
  pendingSha256: z.string().nullable(),
  lastPush: LastPushSchema.nullable(),
});
/** The paired clock as stored. */
export type ClockRecord = z.infer<typeof ClockRecordSchema>;

const CloudRecordSchema = z.object({ cloudUrl: z.string(), clientId: z.string(), redirectPort: z.number().int() });
/** The cloud settings as stored. */
export type CloudRecord = z.infer<typeof CloudRecordSchema>;

const IndicatorRecordSchema = z.object({ pushUrl: z.string(), lastPush: LastPushSchema.nullable() });
/** The Indicator app push as stored (its access token is in the SecretStore). */
export type IndicatorRecord = z.infer<typeof IndicatorRecordSchema>;

const LABEL = 'your desk clock settings';

const FileSchema = z.object({ version: z.literal(1), clock: ClockRecordSchema.nullable(), cloud: CloudRecordSchema, indicator: IndicatorRecordSchema.nullable().default(null) });
type LametricFile = z.infer<typeof FileSchema>;

/** Loads, holds and saves `lametric.json`. */
export class LametricStore {
  private data: LametricFile = { version: 1, clock: null, cloud: { cloudUrl: DEFAULT_CLOUD_URL, clientId: '', redirectPort: DEFAULT_REDIRECT_PORT }, indicator: null };
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  /** @param onProblem told one sentence when the file was unreadable and kept aside. */
  constructor(
    dataDir: string,
    private readonly onProblem?: (sentence: string) => void,
  ) {
    this.file = path.join(dataDir, 'lametric.json');
  }

  /** Read the file (defaults when missing; an unreadable file is kept aside). @throws UserError `data-unreadable`. */
  async load(): Promise<void> {
    const read = await readJsonFile(this.file, FileSchema, { label: LABEL, ...(this.onProblem ? { onProblem: this.onProblem } : {}) });
    if (read) this.data = read;
  }

  /** The paired clock, or null. */
  get clock(): ClockRecord | null {
    return this.data.clock ? structuredClone(this.data.clock) : null;
  }

  /** The cloud settings. */
  get cloud(): CloudRecord {
    return { ...this.data.cloud };
  }

  /** Replace the paired clock (null unpairs) and save. @throws when the disk write fails. */
  setClock(clock: ClockRecord | null): Promise<void> {
    this.data = { ...this.data, clock: clock ? structuredClone(clock) : null };
    return this.save();
  }

  /** Change some fields of the paired clock and save; nothing when none is paired. */
  updateClock(patch: Partial<ClockRecord>): Promise<void> {
    if (!this.data.clock) return Promise.resolve();
    return this.setClock({ ...this.data.clock, ...patch });
  }

  /** Record the outcome of a push. */
  recordPush(lastPush: LastPush): Promise<void> {
    return this.updateClock({ lastPush });
  }

  /** The Indicator app push, or null. */
  get indicator(): IndicatorRecord | null {
    return this.data.indicator ? structuredClone(this.data.indicator) : null;
  }

  /** Replace the Indicator app push settings (null removes them) and save. */
  setIndicator(indicator: IndicatorRecord | null): Promise<void> {
    this.data = { ...this.data, indicator: indicator ? structuredClone(indicator) : null };
    return this.save();
  }

  /** Replace the cloud settings and save. */
  setCloud(cloud: CloudRecord): Promise<void> {
    this.data = { ...this.data, cloud: { ...cloud } };
    return this.save();
  }

  private save(): Promise<void> {
    const snapshot = structuredClone(this.data);
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonFile(this.file, snapshot, LABEL));
    return this.writing;
  }
}
