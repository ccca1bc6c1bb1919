/**
 * The hardship wizard's calls to the server, one at a time in the order asked (a step's save never overtakes the save
 * of what was typed just before it), each with the draft's version as it is when the call runs: a save of what is
 * typed may have opened the draft meanwhile. The version a call returns is taken before the next call starts (taken
 * by the caller after the queue had moved on, a step's save queued behind a save of typing went out with the version
 * before it and was refused as a conflict: "内容已被他人更新").
 */
type Failure = { ok: false; fieldErrors: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } };
type Answer<D> = { ok: true; data: D } | Failure;

export type WizardActions<S extends string> = {
  step: (input: { step: S; values: unknown; rowVersion: number | null }) => Promise<Answer<{ rowVersion: number }>>;
  typing: (input: { step: S; values: Record<string, unknown> }) => Promise<Answer<{ rowVersion: number; savedAt: string }>>;
  submit: (input: { rowVersion: number }) => Promise<Answer<unknown>>;
};

export function wizardSaves<S extends string>(actions: WizardActions<S>, initialRowVersion: number | null) {
  let rowVersion = initialRowVersion;
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <R,>(work: () => Promise<R>): Promise<R> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async step(step: S, values: unknown): Promise<{ ok: true } | Failure> {
      const result = await inTurn(async () => {
        const answer = await actions.step({ step, values, rowVersion });
        if (answer.ok) rowVersion = answer.data.rowVersion;
        return answer;
      });
      return result.ok ? { ok: true } : result;
    },
    async typing(step: S, values: Record<string, unknown>): Promise<string | false> {
      const result = await inTurn(async () => {
        const answer = await actions.typing({ step, values });
        if (answer.ok) rowVersion = answer.data.rowVersion;
        return answer;
      }).catch(() => null);
      return result?.ok ? result.data.savedAt : false;
    },
    submit() {
      return inTurn(() => (rowVersion === null ? Promise.resolve(null) : actions.submit({ rowVersion })));
    },
  };
}
