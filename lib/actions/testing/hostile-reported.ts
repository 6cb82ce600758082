/** A problem the hostile-input suite finds in a file another change owns, reported to its owner instead of fixed with the suite. */
export interface Reported {
  readonly owner: string;
  /** The problems expected, as the suite words them (`class/label: problem`); any other problem of the field still fails. */
  readonly problem: RegExp;
  /** Only for these catalogue values (by label); for every value when absent. */
  readonly labels?: readonly string[];
}

const SSRF = ['loopback', 'cloud metadata', 'IPv6 loopback', 'IPv4-mapped loopback', 'credentials in the URL', 'hex loopback', 'decimal loopback', 'localhost PostgreSQL', 'metadata host name', 'private network', 'CRLF in a URL'];
/** `z.coerce.number()` reads `0x1` as 1, and answers other text with zod's "expected number, received NaN". */
const COERCED_ID = /hexadecimal: was accepted|was refused with an internal message: "(Invalid input|Too (big|small)): expected/;
/** PostgreSQL cannot store a NUL byte: the query throws. */
const NUL_THROWS = /NUL byte: threw /;
/** A schema without a message of its own answers in zod's default wording. */
const DEFAULT_MESSAGE = /was refused with an internal message: "[^"]*(Invalid (input|option)|Too (big|small))/;
const either = (...patterns: RegExp[]) => new RegExp(patterns.map((pattern) => pattern.source).join('|'));

/**
 * What the suite finds in files other changes own (webhook URL validation in lib/actions/*webhook*.ts
 * and lib/alerts/*, the routing hooks, the failover schemas in lib/failover), keyed `action.field`.
 * The suite tolerates exactly these problems and fails once none of an entry's occurs any more, so
 * that the fix deletes its entry.
 */
export const REPORTED: Record<string, Reported> = {
  'acknowledgeAlert.eventId': { owner: 'lib/alerts/rule-schema.ts', problem: COERCED_ID },
  'acknowledgeAlert.comment': { owner: 'lib/alerts/rule-schema.ts', problem: NUL_THROWS },
  'changeWebhook.id': { owner: 'lib/alerts/rule-schema.ts', problem: COERCED_ID },
  'testWebhook.id': { owner: 'lib/alerts/rule-schema.ts', problem: COERCED_ID },
  'updateWebhook.id': { owner: 'lib/alerts/rule-schema.ts', problem: COERCED_ID },
  'createWebhook.hookName': { owner: 'lib/alerts/rule-schema.ts', problem: NUL_THROWS },
  'updateWebhook.hookName': { owner: 'lib/alerts/rule-schema.ts', problem: NUL_THROWS },
  'createWebhook.url': { owner: 'lib/alerts/rule-schema.ts', problem: /was accepted/, labels: SSRF },
  'updateWebhook.url': { owner: 'lib/alerts/rule-schema.ts', problem: /was accepted/, labels: SSRF },
  'updateAlertRule.clusterId': { owner: 'lib/alerts/rule-schema.ts', problem: COERCED_ID },
  'updateAlertRule.threshold': { owner: 'lib/alerts/rule-schema.ts', problem: /hexadecimal: was accepted/ },
  'updateAlertRule.forSeconds': { owner: 'lib/alerts/rule-schema.ts', problem: /(hexadecimal|tab only|ideographic space only): was accepted/ },
  'updateAlertRule.enabled': { owner: 'lib/alerts/rule-schema.ts', problem: /was accepted/ },
  'updateRoutingHooks.clusterId': { owner: 'lib/actions/update-routing-hooks.ts', problem: COERCED_ID },
  'updateRoutingHooks.hooks': { owner: 'lib/failover/routing-hooks.ts', problem: DEFAULT_MESSAGE },
  'startPromote.clusterId': { owner: 'lib/failover/promote-schema.ts', problem: COERCED_ID },
  'startPromote.candidate': { owner: 'lib/failover/promote-schema.ts', problem: either(NUL_THROWS, DEFAULT_MESSAGE) },
  'startPromote.confirmName': { owner: 'lib/failover/promote-schema.ts', problem: DEFAULT_MESSAGE },
  'startPromote.acknowledgeDown': { owner: 'lib/failover/promote-schema.ts', problem: DEFAULT_MESSAGE },
  'startPromote.overrideBytes': { owner: 'lib/failover/promote-schema.ts', problem: DEFAULT_MESSAGE },
};
