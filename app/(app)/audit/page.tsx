import Link from 'next/link';
import { AuditTable } from '@/components/audit/audit-table';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { AUDIT_PAGE_SIZE, listAuditEvents } from '@/lib/db/audit';
import { auditFilterSchema } from '@/lib/inventory/audit-filter';

export const metadata = { title: 'Audit' };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser();
  const raw = await searchParams;
  const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : undefined);
  const filter = auditFilterSchema.parse({ actor: text('actor'), target: text('target'), from: text('from'), to: text('to'), before: text('before') });
  const events = await listAuditEvents(filter, filter.before);
  const last = events.at(-1);
  const next = new URLSearchParams(Object.entries({ actor: text('actor'), target: text('target'), from: text('from'), to: text('to') }).filter((pair): pair is [string, string] => !!pair[1]));
  if (last) next.set('before', String(last.id));
  return (
    <>
      <PageHeader title="Audit" description="Every sign-in and change, newest first. Append-only: Tandem never edits or deletes these records." />
      <form className="mb-4 grid max-w-4xl grid-cols-2 items-end gap-3 md:grid-cols-5" method="get">
        <Field label="Actor" name="actor"><TextInput name="actor" defaultValue={text('actor')} placeholder="e-mail" /></Field>
        <Field label="Target" name="target"><TextInput name="target" defaultValue={text('target')} placeholder="name, type or id" /></Field>
        <Field label="From" name="from"><TextInput name="from" type="datetime-local" defaultValue={text('from')} /></Field>
        <Field label="To" name="to"><TextInput name="to" type="datetime-local" defaultValue={text('to')} /></Field>
        <Button type="submit" variant="secondary">Filter</Button>
      </form>
      {events.length ? <AuditTable events={events} /> : <ComingLater>No audit events match.</ComingLater>}
      {events.length === AUDIT_PAGE_SIZE ? (
        <Link className="mt-4 inline-block text-sm text-accent hover:underline" href={`/audit?${next.toString()}`}>
          Older events
        </Link>
      ) : null}
    </>
  );
}
