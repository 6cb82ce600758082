/** What one timed Tandem run reports back to the bench (one JSON line). */
export interface StepTiming {
  readonly name: string;
  readonly host: string | null;
  readonly status: string;
  readonly seconds: number | null;
}

export interface TandemRunResult {
  readonly prepareSeconds: number;
  readonly setupSeconds: number;
  readonly steps: readonly StepTiming[];
}
