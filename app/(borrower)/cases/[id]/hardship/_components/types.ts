import type { SaveResult } from './use-step-form';

export type StepProps<T> = {
  index: number;
  total: number;
  values: T;
  save: (values: T) => Promise<SaveResult>;
  /** Saves what is typed, as it is typed; resolves to the time it was saved, or false. */
  autosave: (values: T) => Promise<string | false>;
  back?: () => void;
  busy?: boolean;
};
