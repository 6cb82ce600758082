// A Tandem process for the interrupt test: starts a setup of pg1 → pg2 on the lab,
// prints the operation id, and keeps running until it is killed.
// Run: node --conditions=react-server --import tsx lib/setup/testing/setup-child.ts
import { labSetupForm, registerLabHosts, startLabSetup } from './lab-fixture';

const ids = await registerLabHosts(['pg1', 'pg2']);
const { operationId } = await startLabSetup(labSetupForm(ids.pg1 ?? 0, [ids.pg2 ?? 0], { baseBackupMaxRateMb: 16 }));
console.log(`STARTED ${operationId}`);
setInterval(() => undefined, 60_000);
