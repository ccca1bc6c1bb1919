import { describe, expect, it } from 'vitest';
import { wizardSaves, type WizardActions } from './wizard-saves';

/** A call the test answers when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the hardship wizard’s saves', () => {
  it('a step saved while a save of typing is still on its way goes out with the version that save returned', async () => {
    const typingAnswer = deferred<{ ok: true; data: { rowVersion: number; savedAt: string } }>();
    const sent: { call: string; rowVersion?: number | null }[] = [];
    const actions: WizardActions<'household'> = {
      typing: async () => {
        sent.push({ call: 'typing' });
        return typingAnswer.promise;
      },
      step: async ({ rowVersion }) => {
        sent.push({ call: 'step', rowVersion });
        return { ok: true, data: { rowVersion: (rowVersion ?? 0) + 1 } };
      },
      submit: async ({ rowVersion }) => {
        sent.push({ call: 'submit', rowVersion });
        return { ok: true, data: null };
      },
    };
    const saves = wizardSaves(actions, null);
    // The borrower paused (typing is saved: it opens the draft, version 1), then pressed "save and continue" at once.
    const typing = saves.typing('household', { adults: '2' });
    const step = saves.step('household', { adults: '2' });
    typingAnswer.resolve({ ok: true, data: { rowVersion: 1, savedAt: '2026-12-03T08:00:00Z' } });
    await expect(typing).resolves.toBe('2026-12-03T08:00:00Z');
    await expect(step).resolves.toEqual({ ok: true });
    await saves.submit();
    expect(sent).toEqual([{ call: 'typing' }, { call: 'step', rowVersion: 1 }, { call: 'submit', rowVersion: 2 }]);
  });

  it('a save of typing that fails changes nothing, and the next call still goes out in turn', async () => {
    const sent: (number | null)[] = [];
    const saves = wizardSaves<'household'>(
      {
        typing: async () => {
          throw new Error('network');
        },
        step: async ({ rowVersion }) => {
          sent.push(rowVersion);
          return { ok: true, data: { rowVersion: 8 } };
        },
        submit: async () => ({ ok: true, data: null }),
      },
      7,
    );
    const typing = saves.typing('household', {});
    await expect(saves.step('household', {})).resolves.toEqual({ ok: true });
    await expect(typing).resolves.toBe(false);
    expect(sent).toEqual([7]);
  });
});
