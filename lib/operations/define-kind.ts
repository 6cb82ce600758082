import type { z } from 'zod';
import type { Step } from '@/lib/replication/engine';

/** What a kind plans from: its operation (null while a new one is planned), cluster and parsed params. */
export interface PlanInput<Params> {
  readonly operationId: number | null;
  readonly clusterId: number;
  readonly params: Params;
}

/** Steps, plus values to redact from everything stored (passwords the steps use). */
export interface OperationPlan {
  readonly steps: readonly Step[];
  readonly secrets?: readonly string[];
}

/**
 * One kind of operation. `params` is the schema of what the operation stores: it is parsed
 * when the operation starts and again when it resumes, so a stored row written by another
 * Tandem version fails clearly. `precondition` says, in one sentence, why the kind cannot
 * run now (null when it can); it is asked before every plan. `plan` builds the steps.
 */
export interface OperationKind<Name extends string = string, Params = unknown> {
  readonly kind: Name;
  readonly params: z.ZodType<Params>;
  precondition?(input: PlanInput<Params>): Promise<string | null>;
  plan(input: PlanInput<Params>): Promise<OperationPlan>;
}

/** Declares an operation kind; list it in lib/operations/registry.ts to make it startable and resumable. */
export function defineOperationKind<const Name extends string, Params>(definition: OperationKind<Name, Params>): OperationKind<Name, Params> {
  return definition;
}
