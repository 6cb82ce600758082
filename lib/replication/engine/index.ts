export { StepFailure, type OperationStatus, type ProgressReport, type Step, type StepContext, type StepDescription, type StepPorts, type StepStatus, type StoredProgress } from './types';
export { systemClock, type Clock, type PgProbe, type PgQueryOptions, type PgQueryResult, type RemoteExecOptions, type RemoteExecResult, type RemoteShell, type RemoteUser } from './ports';
export { OwnershipLost, type FinishedOperationStatus, type FinishedStepStatus, type OperationEnd, type OperationMetrics, type OperationStore, type StepAdminDetail, type StepEnd, type StepLiveState } from './store';
export { runOperation, formatDuration, type OperationResult, type OperationRun, type RunOptions } from './run-operation';
export { redact, REDACTED } from './redact';
export { plannedRecord, type PlannedRecord } from './step-recorder';
export { OutputTail, OUTPUT_TAIL_CHARS } from './output-tail';
export { INTERRUPTED_STEP_OUTCOME, isInterruptedStep, lastKnownRunningAt } from './interrupted-step';
