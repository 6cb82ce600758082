import { z } from 'zod';
import { isTypedLine } from '@/lib/format/typed-text';
import { ROLES } from './roles';

export const emailField = z.string().trim().toLowerCase().max(254, 'Use at most 254 characters').pipe(z.email('Enter an e-mail address, e.g. dba@example.com'));

export const passwordField = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

export const nameField = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(80, 'Use at most 80 characters')
  .refine((text) => isTypedLine(text) && !/[<>]/.test(text), 'Use letters, digits, spaces and punctuation (no < > or control characters)');

/** A user's id as a form posts it (better-auth makes them of letters and digits): anything else names no user. */
const userIdField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Choose a user');

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, 'Enter your password').max(256, 'Use at most 256 characters') });

export const newUserSchema = z.object({ name: nameField, email: emailField, password: passwordField, role: z.enum(ROLES, { error: 'Choose a role' }) });

export const firstAdminSchema = z
  .object({ setupToken: z.string({ error: 'Enter the setup token from Tandem’s log' }).trim().min(1, 'Enter the setup token from Tandem’s log').max(200, 'That is longer than any setup token'), name: nameField, email: emailField, password: passwordField, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The two passwords differ' });

export const roleChangeSchema = z.object({ userId: userIdField, role: z.enum(ROLES, { error: 'Choose a role' }) });

/** A form naming one user by id (disable, enable). */
export const userTargetSchema = z.object({ userId: userIdField });

/** Removing a user: the admin types the user's e-mail to confirm (compared with the stored one). */
export const removeUserSchema = z.object({ userId: userIdField, confirm: z.string().trim().toLowerCase().max(254) });

/** An admin sets a new password for another user. */
export const setPasswordSchema = z.object({ userId: userIdField, password: passwordField });

/** The signed-in user changes their own password: the current one is required. */
export const ownPasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(256, 'Use at most 256 characters'), newPassword: passwordField, confirm: z.string() })
  .refine((value) => value.newPassword === value.confirm, { path: ['confirm'], message: 'The two passwords differ' })
  .refine((value) => value.newPassword !== value.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' });
