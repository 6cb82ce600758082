import { z } from 'zod';
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
  .refine((text) => !/[\u0000-\u001f\u007f<>]/.test(text), 'Use letters, digits, spaces and punctuation (no < > or control characters)');

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, 'Enter your password').max(256) });

export const newUserSchema = z.object({ name: nameField, email: emailField, password: passwordField, role: z.enum(ROLES, { error: 'Choose a role' }) });

export const firstAdminSchema = z
  .object({ setupToken: z.string({ error: 'Enter the setup token from Tandem’s log' }).trim().min(1, 'Enter the setup token from Tandem’s log').max(200), name: nameField, email: emailField, password: passwordField, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The two passwords differ' });

export const roleChangeSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES, { error: 'Choose a role' }) });
