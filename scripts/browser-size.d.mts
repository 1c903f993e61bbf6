// Types of scripts/browser-size.mjs, for the tests that hold the bundle to its budget.
export interface Measured {
  readonly files: string[];
  readonly bytes: number;
  readonly gzipped: number;
}
export declare const SIZE_BUDGET_BYTES: number;
export declare const READY_BUDGET_MS: number;
export declare function bundleSize(dir?: string): { entry: Measured; lazy: Measured };
export declare function readyTimes(runs?: number): Promise<{ times: Array<{ loadMs: number; readyMs: number; firstAnswerMs: number; status: number }>; version: string }>;
export declare function median(values: readonly number[]): number;
