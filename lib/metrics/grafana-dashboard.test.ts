import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TANDEM_METRICS } from './definitions';
import { renderMetrics } from './render';

const file = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Target { expr?: string; legendFormat?: string; datasource?: unknown; refId?: string }
interface Panel { id: number; type: string; title: string; datasource?: unknown; targets?: Target[] }
interface Variable { name: string; type: string; query?: string | { query: string }; datasource?: unknown; current?: { value?: unknown } }
interface Dashboard { uid: string; panels: Panel[]; templating: { list: Variable[] } }

const DATASOURCE = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
/** Grafana's own variables a query may use. */
const BUILT_IN_VARIABLES = new Set(['__rate_interval', '__interval', '__range', '__all']);
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

const dashboard = JSON.parse(file('deploy/grafana/tandem-dashboard.json')) as Dashboard;
/** Label names per exported metric: the names come from the registry /api/metrics renders, the labels from the definitions it is built from. */
let exported = new Map<string, readonly string[]>();

beforeAll(async () => {
  const { body } = await renderMetrics({ clusters: [], replicas: [], slots: [], archivers: [], repositories: [], drills: [], openAlerts: [], pollErrors: [] });
  const labels = new Map<string, readonly string[]>(Object.values(TANDEM_METRICS).map((metric) => [metric.name, metric.labelNames]));
  exported = new Map([...body.matchAll(/^# TYPE (\S+) /gm)].map(([, name = '']) => [name, labels.get(name) ?? []]));
});

/** PromQL as Prometheus would see it once Grafana has put in its variables. */
const substituted = (expr: string) => expr.replace(/\[\$\w+\]/g, '[5m]').replace(/\$\{?\w+\}?/g, '.*');
const withoutStrings = (expr: string) => expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');

/** The metric names an expression reads: identifiers that are not functions, keywords, labels or durations. */
function metricNames(expr: string): string[] {
  const bare = withoutStrings(expr)
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)].map(([, name = '']) => name);
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name.toLowerCase())))];
}

/** Every `metric{label…}` selector's label names, and `{…}` without a metric as ''. */
function matcherLabels(expr: string): { metric: string; label: string }[] {
  return [...withoutStrings(expr).matchAll(/([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g)].flatMap(([, metric = '', matchers = '']) =>
    [...matchers.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map(([, label = '']) => ({ metric, label })));
}

const groupingLabels = (expr: string) =>
  [...withoutStrings(expr).matchAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)].flatMap(([, list = '']) => list.split(',').map((label) => label.trim()).filter(Boolean));

/** The PromQL of a query variable: `label_values(selector, label)` reads the selector. */
function variableQuery(variable: Variable): { expr: string; label?: string } | null {
  if (variable.type !== 'query') return null;
  const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
  const labelValues = /^label_values\((.*),\s*(\w+)\)$/.exec(query.trim());
  return labelValues ? { expr: labelValues[1] ?? '', label: labelValues[2] } : { expr: query };
}

interface Query { where: string; expr: string; legend?: string; label?: string }

function queries(board: Dashboard): Query[] {
  const ofPanels = board.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}" ${target.refId ?? ''}`.trim(), expr: target.expr ?? '', legend: target.legendFormat })));
  const ofVariables = board.templating.list.flatMap((variable) => {
    const query = variableQuery(variable);
    return query ? [{ where: `variable ${variable.name}`, ...query }] : [];
  });
  return [...ofPanels, ...ofVariables];
}

/** What is wrong with a dashboard, one line per finding: unknown metrics and labels, missing data sources, undefined variables. */
function problems(board: Dashboard): string[] {
  const found: string[] = [];
  for (const { where, expr, legend, label } of queries(board)) {
    if (!expr.trim()) found.push(`${where}: no query`);
    const names = metricNames(substituted(expr));
    if (names.length === 0) found.push(`${where}: reads no metric`);
    for (const name of names) if (!exported.has(name)) found.push(`${where}: ${name} is not a metric Tandem exports`);
    const known = new Set(names.flatMap((name) => exported.get(name) ?? []));
    for (const matcher of matcherLabels(substituted(expr))) {
      if (!matcher.metric) found.push(`${where}: a selector without a metric name`);
      else if (exported.has(matcher.metric) && !exported.get(matcher.metric)?.includes(matcher.label)) found.push(`${where}: ${matcher.metric} has no label ${matcher.label}`);
    }
    const used = [...groupingLabels(expr), ...[...(legend ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(([, name = '']) => name), ...(label ? [label] : [])];
    for (const name of used) if (!known.has(name)) found.push(`${where}: label ${name} is on none of its metrics`);
  }
  for (const panel of board.panels) {
    if (JSON.stringify(panel.datasource) !== JSON.stringify(DATASOURCE)) found.push(`panel "${panel.title}": data source is not the Prometheus variable`);
    if (!panel.targets?.length) found.push(`panel "${panel.title}": no query`);
    for (const target of panel.targets ?? []) if (target.datasource !== undefined && JSON.stringify(target.datasource) !== JSON.stringify(DATASOURCE)) found.push(`panel "${panel.title}" ${target.refId}: another data source`);
  }
  for (const variable of board.templating.list) if (variable.type === 'query' && JSON.stringify(variable.datasource) !== JSON.stringify(DATASOURCE)) found.push(`variable ${variable.name}: data source is not the Prometheus variable`);
  const defined = new Set([...board.templating.list.map((variable) => variable.name), ...BUILT_IN_VARIABLES]);
  const text = JSON.stringify({ panels: board.panels, templating: board.templating });
  for (const [, a, b, c] of text.matchAll(/\$(\w+)|\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]/g)) {
    const name = a ?? b ?? c ?? '';
    if (!defined.has(name)) found.push(`variable ${name} is used but not defined`);
  }
  return [...new Set(found)];
}

describe('the Grafana dashboard (deploy/grafana/tandem-dashboard.json)', () => {
  it('knows every metric the /api/metrics registry exports, and only those', () => {
    expect([...exported.keys()].sort()).toEqual(Object.values(TANDEM_METRICS).map((metric) => metric.name).sort());
  });

  it('reads only metrics and labels Tandem exports, every panel on the Prometheus variable, every variable defined', () => {
    expect(problems(dashboard)).toEqual([]);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
  });

  it('covers lag in bytes and time, member status, slots, disk, WAL archiving, backup repositories, restore drills, open alerts and poll errors', () => {
    const read = new Set(queries(dashboard).flatMap((query) => metricNames(substituted(query.expr))));
    const covered = [
      'lagBytes', 'lagSeconds', 'heartbeat', 'status', 'retained', 'diskFree', 'archiveFailed', 'archiveAge', 'archiveReady', 'walDirectory',
      'repositoryFree', 'repositoryTotal', 'repositoryUsed', 'drillPassedAt', 'drillFailed', 'alerts', 'pollErrors',
    ] as const;
    for (const metric of covered) expect(read).toContain(TANDEM_METRICS[metric].name);
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual(expect.arrayContaining(['DS_PROMETHEUS', 'cluster', 'member']));
  });

  it('finds an unknown metric, an unknown label, a panel without its data source and an undefined variable', () => {
    const [first] = dashboard.panels;
    const broken: Dashboard = {
      ...dashboard,
      panels: [{ ...first!, id: 99, title: 'broken', datasource: { type: 'prometheus', uid: 'somewhere' }, targets: [{ refId: 'A', expr: 'sum by (job) (rate(up{cluster=~"$nowhere"}[5m])) + tandem_replica_lag_bytes{instance="x"}', legendFormat: '{{host}}' }] }],
    };
    expect(problems(broken)).toEqual([
      'panel "broken" A: up is not a metric Tandem exports',
      'panel "broken" A: tandem_replica_lag_bytes has no label instance',
      'panel "broken" A: label job is on none of its metrics',
      'panel "broken" A: label host is on none of its metrics',
      'panel "broken": data source is not the Prometheus variable',
      'variable nowhere is used but not defined',
    ]);
  });

  it('tells metric names from functions, keywords, labels, strings and durations', () => {
    expect(metricNames('sum by (cluster) (increase(tandem_poll_errors_total{cluster=~"a b"}[5m] offset 1h)) / on(cluster) group_left tandem_alerts_open > bool 1e3 or vector(0)')).toEqual(['tandem_poll_errors_total', 'tandem_alerts_open']);
  });

  it('has PromQL that Prometheus parses (promtool check rules)', () => {
    const rules = queries(dashboard).map((query, index) => ({ record: `dashboard:query_${index}`, expr: substituted(query.expr) }));
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dashboard-'));
    try {
      writeFileSync(join(dir, 'rules.yml'), JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
      const result = spawnSync('promtool', ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Prometheus and Grafana provisioning examples', () => {
  it('scrapes /api/metrics with the bearer token from a file, in a config Prometheus accepts', () => {
    const config = parse(file('deploy/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; metrics_path: string; authorization: Record<string, string> }[] };
    const job = config.scrape_configs.find((scrape) => scrape.job_name === 'tandem');
    expect(job?.metrics_path).toBe('/api/metrics');
    expect(job?.authorization).toEqual({ type: 'Bearer', credentials_file: expect.stringMatching(/^\//) });
    const result = spawnSync('promtool', ['check', 'config', '--syntax-only', 'deploy/prometheus/prometheus.yml'], { encoding: 'utf8', cwd: new URL('../..', import.meta.url) });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('provisions the data source the dashboard picks by default, and a file provider for the dashboard', () => {
    const sources = parse(file('deploy/grafana/provisioning/datasources/tandem-prometheus.yaml')) as { datasources: { uid: string; type: string }[] };
    const variable = dashboard.templating.list.find((entry) => entry.name === 'DS_PROMETHEUS');
    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(sources.datasources).toContainEqual(expect.objectContaining({ type: 'prometheus', uid: variable?.current?.value }));
    const providers = parse(file('deploy/grafana/provisioning/dashboards/tandem.yaml')) as { providers: { type: string; options: { path: string } }[] };
    expect(providers.providers).toEqual([expect.objectContaining({ type: 'file', options: { path: expect.stringMatching(/^\//) } })]);
  });
});
