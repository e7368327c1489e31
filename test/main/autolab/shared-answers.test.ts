/**
 * SharedAnswers (issue 15): one request in flight per key, answers reused
 * within each asker's accepted age, failures not kept, submits forgotten.
 */
import { describe, expect, it } from 'vitest';
import { answerKey, SharedAnswers } from '../../../main/autolab/shared-answers';
import { UserError } from '../../../main/user-error';

function counter<T>(value: T) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    ask: () => {
      calls++;
      return Promise.resolve(value);
    },
  };
}

describe('SharedAnswers', () => {
  it('joins a request in flight: two askers at once make one request and get the same answer', async () => {
    const answers = new SharedAnswers(() => 0);
    let release!: (v: string[]) => void;
    let calls = 0;
    const ask = () => {
      calls++;
      return new Promise<string[]>((resolve) => (release = resolve));
    };
    const a = answers.get('k', 0, ask); // even an asker that accepts no age joins what is in flight
    expect(answers.has('k', 0)).toBe(true);
    const b = answers.get('k', 60_000, ask);
    release(['x']);
    expect(await a).toEqual(['x']);
    expect(await b).toBe(await a);
    expect(calls).toBe(1);
  });

  it('reuses a settled answer only within the age each asker accepts', async () => {
    let now = 1_000_000;
    const answers = new SharedAnswers(() => now);
    const c = counter(['list']);
    await answers.get('k', 60_000, c.ask);
    now += 30_000;
    await answers.get('k', 60_000, c.ask); // 30 s old, a minute accepted: reused
    expect(c.calls).toBe(1);
    expect(answers.has('k', 10_000)).toBe(false);
    await answers.get('k', 10_000, c.ask); // too old for this asker: asked again
    expect(c.calls).toBe(2);
    await answers.get('k', 0, c.ask); // a grading poll accepts no age
    expect(c.calls).toBe(3);
    // Never older than ten minutes, whatever is accepted.
    now += 11 * 60_000;
    expect(answers.has('k', Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('keeps no failure: every asker of a failed request gets its error, and the next asker asks again', async () => {
    const answers = new SharedAnswers(() => 0);
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('offline'));
    };
    const a = answers.get('k', 60_000, failing);
    const b = answers.get('k', 60_000, failing);
    await expect(a).rejects.toThrow('offline');
    await expect(b).rejects.toThrow('offline');
    expect(calls).toBe(1);
    expect(answers.has('k', 60_000)).toBe(false);
    const c = counter(['ok']);
    expect(await answers.get('k', 60_000, c.ask)).toEqual(['ok']);
    expect(c.calls).toBe(1);
  });

  it('keeps Autolab\'s considered refusal (a disabled course) as an answer, so the scan and the overview do not both hear it', async () => {
    const answers = new SharedAnswers(() => 0);
    let calls = 0;
    const refused = () => {
      calls++;
      return Promise.reject(new UserError('course-disabled', 'This course has been disabled by its instructor.'));
    };
    await expect(answers.get('k', 60_000, refused)).rejects.toMatchObject({ code: 'course-disabled' });
    await expect(answers.get('k', 60_000, refused)).rejects.toMatchObject({ code: 'course-disabled' });
    expect(calls).toBe(1);
    // A 429 or an outage is not an answer: asked again.
    const limited = () => {
      calls++;
      return Promise.reject(new UserError('rate-limited', 'Autolab is limiting how often the app may ask.'));
    };
    await expect(answers.get('r', 60_000, limited)).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(answers.get('r', 60_000, limited)).rejects.toMatchObject({ code: 'rate-limited' });
    expect(calls).toBe(3);
  });

  it('takes answers fetched elsewhere, and forgets an assessment\'s answers after a submit', async () => {
    const answers = new SharedAnswers(() => 0);
    answers.put(answerKey.submissions('c', 'lab'), ['v1']);
    answers.put(answerKey.submissions('c', 'lab2'), ['w1']);
    const c = counter(['v2']);
    expect(await answers.get(answerKey.submissions('c', 'lab'), 60_000, c.ask)).toEqual(['v1']);
    expect(c.calls).toBe(0);
    answers.forget(answerKey.submissions('c', 'lab'));
    expect(await answers.get(answerKey.submissions('c', 'lab'), 60_000, c.ask)).toEqual(['v2']);
    expect(c.calls).toBe(1);
    expect(answers.has(answerKey.submissions('c', 'lab2'), 60_000)).toBe(true);
  });
});
