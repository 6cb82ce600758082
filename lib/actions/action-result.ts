import type { z } from 'zod';

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

export type ActionFailure = Extract<ActionResult, { ok: false }>;

export const success = <T>(data: T): ActionResult<T> => ({ ok: true, data });

export const failure = (message: string, fieldErrors?: FieldErrors): ActionFailure => ({ ok: false, message, fieldErrors });

/** Turns a zod error into the form's field errors. */
export function invalid(error: z.ZodError): ActionFailure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return failure('Some fields need attention.', fieldErrors);
}

/**
 * The form an action was posted, or a failure to answer with. Actions are reachable by direct
 * POST, and Next.js hands them whatever the body decodes to (a list, JSON, nothing), so each
 * checks before reading fields instead of throwing on a body that is not a form.
 */
export function postedForm(form: unknown): ActionResult<FormData> {
  return form instanceof FormData ? success(form) : failure('This request did not carry a form. Reload the page and try again.');
}

/** Plain object of a form's text fields (files are not accepted by Tandem's forms). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) fields[key] = value;
  }
  return fields;
}
