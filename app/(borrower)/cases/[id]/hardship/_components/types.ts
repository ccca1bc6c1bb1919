import type { SaveResult } from './use-step-form';

export type StepProps<T> = {
  index: number;
  total: number;
  values: T;
  save: (values: T) => Promise<SaveResult>;
  back?: () => void;
  busy?: boolean;
};
