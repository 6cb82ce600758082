import { Field, Select } from '@/components/ui/field';

/** The repository a restore or drill reads from, or any (pgBackRest takes the first that holds the backup). */
export function RepositoryChoice({ id, errors, repositories }: { id: string; errors: string[] | undefined; repositories: readonly number[] }) {
  return (
    <Field label="From repository" name={id} errors={errors}>
      <Select name="repository" id={id}>
        <option value="">any (pgBackRest&apos;s choice)</option>
        {repositories.map((number) => <option key={number} value={number}>repo{number}</option>)}
      </Select>
    </Field>
  );
}
