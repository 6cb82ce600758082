export type PreflightStatus = 'pass' | 'warn' | 'fail';

/** One line of the preflight list the wizard shows; `hint` is a one-line fix. */
export interface PreflightCheck {
  readonly id: string;
  /** Host name the check is about; null for cluster-wide checks. */
  readonly host: string | null;
  readonly status: PreflightStatus;
  readonly message: string;
  readonly hint: string;
}

export interface PreflightResult {
  readonly checks: readonly PreflightCheck[];
  /** True when no check failed: the only state in which the wizard enables Run. */
  readonly canRun: boolean;
}

/** Builds one preflight line. */
export function check(id: string, host: string | null, status: PreflightStatus, message: string, hint = ''): PreflightCheck {
  return { id, host, status, message, hint };
}
