import { z } from 'zod';
import { allowEntrySchema } from './webhook-address';
import { ALERT_METRIC_NAMES, ALERT_METRICS, ALERT_SEVERITIES, type AlertRuleSpec } from './rules';
import { decimalIdField, DECIMAL_NUMBER, isTypedLine, isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';

const MIB = 1024 * 1024;

/** Thresholds are typed in the unit people think in: MiB for bytes, seconds, hours, days, whole WAL segments. */
export const THRESHOLD_INPUT_UNIT = { bytes: 'MiB', seconds: 's', hours: 'h', days: 'days', segments: 'segments' } as const;

export function thresholdForInput(rule: AlertRuleSpec): string {
  if (rule.threshold === null) return '';
  return String(ALERT_METRICS[rule.metric].unit === 'bytes' ? rule.threshold / MIB : rule.threshold);
}

/** The rule editor's form: cluster, which rule, and its new threshold, hold time and on/off. */
export const ruleEditSchema = z
  .object({
    clusterId: decimalIdField('Choose a cluster'),
    metric: z.enum(ALERT_METRIC_NAMES, 'Unknown alert rule'),
    severity: z.enum(ALERT_SEVERITIES, 'Severity must be warning or critical'),
    threshold: z.string().trim().max(20, 'Threshold must be a number above 0').optional(),
    forSeconds: z
      .string('Hold time must be a number of seconds')
      .trim()
      .regex(/^\d{1,6}$/, 'Hold time must be whole seconds, 0 or more')
      .transform(Number)
      .refine((value) => value <= 86_400, 'Hold time can be at most one day (86400 s)'),
    enabled: z.enum(['on', 'true'], 'A checkbox is either ticked or not').optional().transform((value) => value !== undefined),
  })
  .transform((input, ctx): { clusterId: number; rule: AlertRuleSpec } => {
    const unit = ALERT_METRICS[input.metric].unit;
    let threshold: number | null = null;
    if (unit !== null) {
      const value = Number(input.threshold);
      if (!input.threshold || !DECIMAL_NUMBER.test(input.threshold) || value <= 0) {
        ctx.addIssue({ code: 'custom', path: ['threshold'], message: `Threshold must be a number above 0 (${THRESHOLD_INPUT_UNIT[unit]})` });
        return z.NEVER;
      }
      if (unit === 'segments' && !Number.isInteger(value)) {
        ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'Threshold must be a whole number of segments' });
        return z.NEVER;
      }
      if (unit === 'bytes' && value > 1024 * 1024) {
        ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'Threshold can be at most 1048576 MiB (1 TiB)' });
        return z.NEVER;
      }
      threshold = unit === 'bytes' ? Math.round(value * MIB) : value;
    }
    return { clusterId: input.clusterId, rule: { metric: input.metric, severity: input.severity, threshold, forSeconds: input.forSeconds, enabled: input.enabled } };
  });

export const acknowledgeSchema = z.object({
  eventId: decimalIdField('Unknown alert'),
  comment: z.string().trim().min(1, 'Say what you are doing about it').max(500, 'Keep the comment under 500 characters').refine(isTypedText, TYPED_TEXT_MESSAGE),
});

const URL_MESSAGE = 'Enter an http:// or https:// URL';

/**
 * What is wrong with a webhook URL as typed, or null. An IP address in a denied range is
 * judged against the allow-list by the action (webhook-address.ts), a host name when sending.
 */
function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return URL_MESSAGE;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return URL_MESSAGE;
  if (url.username !== '' || url.password !== '') return `Take the user name and password out of the URL for ${url.hostname}: Tandem does not send credentials in a webhook URL (put a token in its path or query instead)`;
  return null;
}

const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'That URL is too long')
  .superRefine((value, ctx) => {
    const problem = value === '' ? null : webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const webhookSchema = z.object({
  hookName: z.string().trim().min(1, 'Give the webhook a name').max(60, 'Keep the name under 60 characters').refine(isTypedLine, TYPED_TEXT_MESSAGE),
  url: webhookUrl.refine((value) => value !== '', 'Paste the webhook URL'),
  format: z.enum(['slack', 'generic'], 'Format must be Slack-compatible or generic JSON'),
  minSeverity: z.enum(ALERT_SEVERITIES, 'Minimum severity must be warning or critical'),
});

/** Editing keeps the stored URL when the field is left empty (it is never sent back to the browser). */
export const webhookEditSchema = webhookSchema.extend({
  id: decimalIdField('Unknown webhook'),
  url: webhookUrl,
});

/** The allow-list form: entries one a line (or separated by spaces or commas), each checked on its own. */
export const webhookAllowListSchema = z.object({
  entries: z
    .string()
    .max(20_000, 'The allow-list is too long')
    .default('')
    .transform((text) => text.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(allowEntrySchema).max(200, 'Keep the allow-list to 200 entries'))
    .transform((entries) => [...new Set(entries)]),
});

export const webhookIdSchema = z.object({ id: decimalIdField('Unknown webhook') });
