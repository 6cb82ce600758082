import { Field, Select, TextInput } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/actions/action-result';

function Check({ name, label, hint, defaultChecked }: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-1 accent-accent" />
      <span>
        {label}
        <span className="block text-xs text-muted">{hint}</span>
      </span>
    </label>
  );
}

/**
 * The confirmation preflight asks for when the replication role's name is taken on the primary
 * by a superuser or a role without REPLICATION; the wizard shows it only then.
 */
export function ReuseExistingRoleCheck() {
  return (
    <Check name="reuseExistingRole" label="Reuse the existing role" defaultChecked={false}
      hint="Tandem changes its password, gives it REPLICATION and LOGIN, and replicas connect as it; anything else that signs in as it needs the new password" />
  );
}

/** Replication options of the setup wizard, with Tandem's defaults. */
export function SetupOptionsFields({ errors }: { errors?: FieldErrors }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field label="Replication role" name="roleName" errors={errors?.roleName} hint="Created on the primary with a generated strong password (an existing role gets a new one)">
        <TextInput name="roleName" defaultValue="replicator" invalid={!!errors?.roleName} />
      </Field>
      <Field label="Password method" name="passwordMethod" errors={errors?.passwordMethod}>
        <Select name="passwordMethod" defaultValue="scram-sha-256">
          <option value="scram-sha-256">scram-sha-256</option>
          <option value="md5">md5 (weak: only for old clients)</option>
        </Select>
      </Field>
      <Field label="Replication mode" name="mode" errors={errors?.mode} hint="Synchronous waits for a replica on every commit">
        <Select name="mode" defaultValue="async">
          <option value="async">Asynchronous</option>
          <option value="sync">Synchronous</option>
        </Select>
      </Field>
      <Field label="max_slot_wal_keep_size" name="maxSlotWalKeepSize" errors={errors?.maxSlotWalKeepSize} hint="Caps WAL a slot may hold back, so a dead replica cannot fill the primary's disk">
        <TextInput name="maxSlotWalKeepSize" defaultValue="10GB" invalid={!!errors?.maxSlotWalKeepSize} />
      </Field>
      <Field label="Base backup rate limit (MiB/s)" name="baseBackupMaxRateMb" errors={errors?.baseBackupMaxRateMb ?? errors?.baseBackupMaxRateKb} hint="Empty for no limit; a limit spares the primary's disk and network while cloning">
        <TextInput name="baseBackupMaxRateMb" inputMode="numeric" placeholder="no limit" invalid={!!(errors?.baseBackupMaxRateMb ?? errors?.baseBackupMaxRateKb)} />
      </Field>
      <Field label="A replica's existing data directory" name="existingData" errors={errors?.existingData}>
        <Select name="existingData" defaultValue="move-aside">
          <option value="move-aside">Move it aside (kept as &lt;data directory&gt;.tandem-&lt;time&gt;)</option>
          <option value="delete">Delete it (cannot be undone)</option>
        </Select>
      </Field>
      <div className="space-y-3">
        <Check name="slots" label="Physical replication slots" hint="The primary keeps WAL until each replica has it" defaultChecked />
        <Check name="tls" label="TLS for replication (hostssl)" hint="Needs ssl = on on the primary" defaultChecked={false} />
        <Check name="setListenAddresses" label="Let Tandem widen listen_addresses" hint="Adds the primary's address when replicas cannot reach it; needs a restart" defaultChecked={false} />
        <Check name="enableWalLogHints" label="Turn on wal_log_hints when checksums are off" hint="Lets pg_rewind rejoin an old primary later; needs a restart" defaultChecked />
      </div>
    </div>
  );
}
