import 'server-only';
import { decideImport, type ImportedMember, type ImportShape } from './import-decide';
import { probeImportHosts } from './import-probe';
import { membershipConflict } from './membership';
import type { ImportForm } from './import-schema';

/** What the import page shows: the cluster Tandem would record, or every reason it will not. */
export interface ImportReport {
  canImport: boolean;
  reasons: string[];
  members: ImportedMember[];
  pgMajor: number | null;
  replicationRole: string | null;
  mode: 'async' | 'sync' | null;
  slots: boolean | null;
  notes: string[];
}

export type PreparedImport = { ok: true; report: ImportReport; shape: ImportShape | null } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Everything before an import may be recorded, done fresh from the hosts: the name and
 * memberships (before any host is contacted), then a read-only probe of each host and
 * the decision. Changes nothing on any host.
 */
export async function prepareImport(form: ImportForm): Promise<PreparedImport> {
  const conflict = await membershipConflict(form.clusterName, form.hostIds);
  if (conflict) return conflict.field ? { ok: false, message: 'Some fields need attention.', fieldErrors: { [conflict.field]: [conflict.message] } } : { ok: false, message: conflict.message };
  const decision = decideImport(await probeImportHosts(form.hostIds), form.clusterName);
  if (!decision.ok) {
    return { ok: true, shape: null, report: { canImport: false, reasons: [...decision.reasons], members: [], pgMajor: null, replicationRole: null, mode: null, slots: null, notes: [] } };
  }
  const { shape } = decision;
  return {
    ok: true,
    shape,
    report: {
      canImport: true, reasons: [], members: [...shape.members], pgMajor: shape.pgMajor, replicationRole: shape.replicationRole,
      mode: shape.settings.mode, slots: shape.settings.slots, notes: [...shape.notes],
    },
  };
}
