import 'server-only';
import type { z } from 'zod';
import type { Permission } from '@/lib/auth/roles';
import { auditedBy, type AuditActor } from '@/lib/db/audit';
import { clientAddress } from '@/lib/server/request-meta';
import { failure, formFields, invalid, postedForm, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Who called an action (or an /api/v1 route, `via` its token): the shape operations take as their actor. */
export interface Actor extends AuditActor {
  readonly id: string;
  readonly clientAddress: string | null;
}

/** The caller in the shape audit records and the setup records take. */
export { auditedBy };

/** When the call arrived, before the session was read: failover measures its RTO from here. */
export interface ActionCall {
  readonly receivedAtMs: number;
}

/** What an action needs and how it is reached; kept for every defined action so tests can find one that skips the check. */
export interface ActionDefinition {
  /** The permission the caller's role must grant, or `public` for the sign-in forms. */
  readonly permission: Permission | 'public';
  /** The audit action a refusal is recorded under. */
  readonly audit: string;
  /** A posted form (`useActionState`), one plain argument, or nothing at all. */
  readonly input: 'form' | 'argument' | 'none';
  /** What the form or argument must parse to (absent for an action that reads nothing): tests read its fields from it. */
  readonly schema?: z.ZodType;
}

const definitions = new WeakMap<object, ActionDefinition>();

/** How `action` was defined, or undefined when it was not made by one of the definers here. */
export function actionDefinition(action: unknown): ActionDefinition | undefined {
  return typeof action === 'function' ? definitions.get(action) : undefined;
}

function registered<A extends (...args: never[]) => Promise<unknown>>(action: A, definition: ActionDefinition): A {
  definitions.set(action, definition);
  return action;
}

/** A form action's answer to its previous state and what was posted, as `useActionState` calls it. */
export type FormAction<T> = (previous: ActionResult<T> | null, form: unknown) => Promise<ActionResult<T>>;

interface FormInput<S extends z.ZodType> {
  /** What the form must parse to; a form that does not parse is answered with its field errors. */
  readonly schema: S;
  /** Reads the schema's input from the form (lists, nested fields); by default its text fields. */
  readonly fields?: (form: FormData) => unknown;
  /** Answer a form that does not parse with this alone (forms whose only field is a hidden id). */
  readonly invalidMessage?: string;
}

export interface FormActionConfig<S extends z.ZodType> extends FormInput<S> {
  readonly permission: Permission;
  readonly audit: string;
}

/** The posted form parsed by `config`, or the failure to answer with. */
function parseForm<S extends z.ZodType>(config: FormInput<S>, form: unknown): ActionResult<z.output<S>> {
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = config.schema.safeParse((config.fields ?? formFields)(posted.data));
  if (parsed.success) return { ok: true, data: parsed.data };
  return config.invalidMessage === undefined ? invalid(parsed.error) : failure(config.invalidMessage);
}

/** The caller, once the session and role allow `permission`; otherwise the refusal, audited under `audit`. */
async function caller(permission: Permission, audit: string): Promise<ActionResult<Actor>> {
  const authorized = await authorize(permission, audit);
  if (!authorized.ok) return authorized;
  return { ok: true, data: { id: authorized.user.id, email: authorized.user.email, clientAddress: authorized.clientAddress } };
}

/**
 * A server action behind a form. Actions are reachable by direct POST, so the page hiding a
 * button proves nothing: the session and role are checked first (a refusal is audited under
 * `audit`), then the posted body must be a form that parses, and only then does `handler` run,
 * with the parsed input and the caller.
 */
export function defineAction<S extends z.ZodType, T>(
  config: FormActionConfig<S>,
  handler: (input: z.output<S>, actor: Actor, call: ActionCall) => Promise<ActionResult<T>>,
): FormAction<T> {
  return registered(
    async (_previous: ActionResult<T> | null, form: unknown): Promise<ActionResult<T>> => {
      const call = { receivedAtMs: Date.now() };
      const actor = await caller(config.permission, config.audit);
      if (!actor.ok) return actor;
      const input = parseForm(config, form);
      if (!input.ok) return input;
      return handler(input.data, actor.data, call);
    },
    { permission: config.permission, audit: config.audit, input: 'form', schema: config.schema },
  );
}

export interface CallActionConfig<S extends z.ZodType> {
  readonly permission: Permission;
  readonly audit: string;
  /** What the one argument must be; anything else is answered with `invalidMessage`. */
  readonly schema: S;
  readonly invalidMessage: string;
}

/** A server action called with one plain argument instead of a form (a panel loading its data); checked like `defineAction`. */
export function defineCallAction<S extends z.ZodType, T>(
  config: CallActionConfig<S>,
  handler: (input: z.output<S>, actor: Actor) => Promise<ActionResult<T>>,
): (argument: unknown) => Promise<ActionResult<T>> {
  return registered(
    async (argument: unknown): Promise<ActionResult<T>> => {
      const actor = await caller(config.permission, config.audit);
      if (!actor.ok) return actor;
      const parsed = config.schema.safeParse(argument);
      if (!parsed.success) return failure(config.invalidMessage);
      return handler(parsed.data, actor.data);
    },
    { permission: config.permission, audit: config.audit, input: 'argument', schema: config.schema },
  );
}

export interface PublicActionConfig<S extends z.ZodType> extends FormInput<S> {
  /** The audit action the handler records under (for the registry; nothing is refused). */
  readonly audit: string;
}

/** A form open to anyone (signing in, the first admin): no session is needed; the form must still parse. */
export function definePublicAction<S extends z.ZodType, T>(
  config: PublicActionConfig<S>,
  handler: (input: z.output<S>, caller: { readonly clientAddress: string | null }) => Promise<ActionResult<T>>,
): FormAction<T> {
  return registered(
    async (_previous: ActionResult<T> | null, form: unknown): Promise<ActionResult<T>> => {
      const input = parseForm(config, form);
      if (!input.ok) return input;
      return handler(input.data, { clientAddress: await clientAddress() });
    },
    { permission: 'public', audit: config.audit, input: 'form', schema: config.schema },
  );
}

/** An action open to anyone that reads nothing posted (signing out): whatever the body is, it is ignored. */
export function definePublicCall(config: { readonly audit: string }, handler: () => Promise<void>): () => Promise<void> {
  return registered(async (): Promise<void> => handler(), { permission: 'public', audit: config.audit, input: 'none' });
}
