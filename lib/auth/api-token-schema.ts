import { z } from 'zod';
import { ROLES } from './roles';
import { nameField } from './user-schema';

export const TOKEN_DAYS = { min: 1, max: 365 } as const;

/** The form that creates a token: a name unique among the user's tokens, a role no higher than theirs (checked by the action), and days until it expires. */
export const newApiTokenSchema = z.object({
  name: nameField,
  role: z.enum(ROLES, { error: 'Choose a role' }),
  days: z.string('Give the days until it expires').regex(/^\d{1,3}$/, `Give a whole number of days, ${TOKEN_DAYS.min} to ${TOKEN_DAYS.max}`).transform(Number)
    .refine((days) => days >= TOKEN_DAYS.min && days <= TOKEN_DAYS.max, `Give a whole number of days, ${TOKEN_DAYS.min} to ${TOKEN_DAYS.max}`),
});

/** The form that revokes one token, by id. */
export const apiTokenTargetSchema = z.object({ tokenId: z.string().regex(/^\d{1,9}$/, 'Unknown token.').transform(Number) });
