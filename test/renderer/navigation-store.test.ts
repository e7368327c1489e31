import { beforeEach, describe, expect, it } from 'vitest';

/** A minimal Web Storage for the node test environment. */
class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

beforeEach(() => {
  (globalThis as { sessionStorage?: unknown }).sessionStorage = new MemoryStorage();
});

describe('navigation across a reload', () => {
  it('restores the last screen of this window', async () => {
    const { useNavigation, restoredRoute } = await import('../../renderer/store/navigation-store');
    useNavigation.getState().go({ name: 'assessment', accountId: 'acct-1', course: 'demo-15213', assessment: 'datalab' });
    expect(restoredRoute()).toEqual({ name: 'assessment', accountId: 'acct-1', course: 'demo-15213', assessment: 'datalab' });
  });

  it('does not replay a one-shot "open this feedback" request', async () => {
    const { useNavigation, restoredRoute } = await import('../../renderer/store/navigation-store');
    useNavigation.getState().go({ name: 'assessment', accountId: 'a', course: 'c', assessment: 'x', feedback: { version: 2, at: 1 } });
    expect(restoredRoute()).toEqual({ name: 'assessment', accountId: 'a', course: 'c', assessment: 'x' });
  });

  it('restores an Open edX course screen', async () => {
    const { useNavigation, restoredRoute } = await import('../../renderer/store/navigation-store');
    useNavigation.getState().go({ name: 'openedx-course', siteId: 'edx-1', courseKey: 'course-v1:A+B+C' });
    expect(restoredRoute()).toEqual({ name: 'openedx-course', siteId: 'edx-1', courseKey: 'course-v1:A+B+C' });
    sessionStorage.setItem('autolab-desktop.route', '{"name":"openedx-course","siteId":7,"courseKey":"x"}');
    expect(restoredRoute()).toBeNull();
    // Not an Open edX site id (the contract's one rule): ignored rather than sent to main.
    sessionStorage.setItem('autolab-desktop.route', '{"name":"openedx-courses","siteId":"../x"}');
    expect(restoredRoute()).toBeNull();
  });

  it('ignores malformed or foreign saved values', async () => {
    const { restoredRoute } = await import('../../renderer/store/navigation-store');
    for (const bad of ['{', '"home"', '{"name":"evil"}', '{"name":"course","accountId":7}', 'null']) {
      sessionStorage.setItem('autolab-desktop.route', bad);
      expect(restoredRoute(), bad).toBeNull();
    }
  });
});
