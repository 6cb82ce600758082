import { randomBytes } from 'node:crypto';
import { defaultSetupOptions, type SetupOptions } from '@/lib/replication/setup-types';
import { maxRateKb, type SetupForm } from './wizard-schema';

/** The domain's options from the wizard form, stamped with this request's time and canary token. */
export function setupOptionsFrom(form: SetupForm, now = new Date()): SetupOptions {
  return {
    ...defaultSetupOptions(form.clusterName, now, randomBytes(12).toString('hex')),
    roleName: form.roleName,
    passwordMethod: form.passwordMethod,
    slots: form.slots,
    maxSlotWalKeepSize: form.maxSlotWalKeepSize || '10GB',
    mode: form.mode,
    baseBackupMaxRateKb: maxRateKb(form.baseBackupMaxRateMb),
    tls: form.tls,
    existingData: form.existingData,
    setListenAddresses: form.setListenAddresses,
    enableWalLogHints: form.enableWalLogHints,
    reuseExistingRole: form.reuseExistingRole,
  };
}
