// ssh2 is CommonJS and Node's named-export detection misses `utils` (nested object in
// module.exports), so `import { utils } from 'ssh2'` fails outside a bundler. Next and
// vitest bundle it; the bench runs lib/ under plain Node, so it re-exports ssh2 here.
import ssh2 from 'ssh2';

export const {
  AgentProtocol, BaseAgent, createAgent, Client, CygwinAgent, HTTPAgent, HTTPSAgent,
  OpenSSHAgent, PageantAgent, Server, utils,
} = ssh2;
export default ssh2;
