/**
 * The names the bridge is built from, with no dependencies.
 *
 * The preload imports only this file (not zod or the schemas), so it stays a
 * few kilobytes. `contract.ts` checks at compile time that `CHANNEL_NAMES`
 * lists exactly the contract's channels.
 */

/** Every request/response channel of the contract. */
export const CHANNEL_NAMES = [
  'app:get-info',
  'app:notices',
  'network:cancel',
  'accounts:list',
  'accounts:add-server',
  'accounts:remove',
  'demo:start',
  'auth:sign-in',
  'auth:cancel',
  'auth:sign-out',
  'shell:open-url',
  'courses:list',
  'assessments:list',
  'assessment:get',
  'submissions:list',
  'feedback:get',
  'submit:start',
  'submit:cancel',
  'submit:journal',
  'submit:dismiss',
  'assessment:download',
  'download:cancel',
  'activity:list',
  'activity:mark-read',
  'settings:get',
  'settings:set',
  'notifications:pause',
  'calendar:export',
  'roster:list',
  'roster:add',
  'roster:update',
  'roster:drop',
  'roster:export',
  'roster:import-preview',
  'roster:import-apply',
  'roster:import-cancel',
  'scores:list',
  'scores:export',
  'scores:update-latest',
  'overview:get',
  'overview:cancel',
  'app:settings-get',
  'app:settings-set',
  'app:choose-downloads',
  'cache:info',
  'cache:clear',
  'shell:show-in-folder',
  'class:view',
  'groups:list',
  'groups:settings',
  'groups:create',
  'groups:delete',
  'problems:add',
  'roster:bulk',
  'roster:bulk-cancel',
  'openedx:list',
  'openedx:add-site',
  'openedx:remove',
  'openedx:sign-in',
  'openedx:demo-start',
  'openedx:courses',
  'openedx:course',
  'openedx:upcoming',
  'devices:get',
  'devices:pair',
  'devices:set',
  'devices:unpair',
  'devices:test',
  'devices:accept-certificate',
  'devices:cloud-configure',
  'devices:cloud-find',
  'devices:cloud-cancel',
  'devices:cloud-pair',
  'devices:cloud-sign-out',
  'devices:indicator-set',
  'devices:indicator-remove',
] as const;

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'autolab';

/**
 * The Electron IPC channel on which the preload registers the path of a file
 * the user dropped or picked (not a contract channel: the page can reach it
 * only through `pathForFile(file)`, with a real `File`).
 */
export const FILE_GRANT_CHANNEL = 'autolab:grant-file';

/** The Electron IPC channel main uses to push events. */
export const EVENT_CHANNEL = 'autolab:event';

/**
 * The method name the preload and the web client expose for a channel:
 * `app:get-info` becomes `appGetInfo`.
 */
export function methodName(channel: string): string {
  return channel
    .split(/[:-]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}
