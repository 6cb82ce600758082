// node --import ./bench/lib/register-ssh2.mjs: installs the ssh2 named-export shim (see ssh2-esm.mjs).
import { register } from 'node:module';

register('./ssh2-hooks.mjs', import.meta.url);
