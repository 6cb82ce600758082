import { asSentence } from '@/lib/format/sentence';
import { certificateHoldsCommand, certificateRequestCommand, installAuthorityCommand, installCertificateCommand, memberTlsFiles } from '@/lib/tls/member-files';
import { StepFailure, type StepContext } from './engine/types';
import type { Action, Check, CertificateIssuer } from './plan-types';

type IssueAction = Extract<Action, { kind: 'issue-certificate' }>;
type CertificateCheck = Extract<Check, { kind: 'member-certificate' }>;

function required(issuer: CertificateIssuer | undefined): CertificateIssuer {
  if (!issuer) throw new StepFailure('This step needs Tandem\'s certificate authority, which the operation did not provide.');
  return issuer;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

/** Evaluates a `member-certificate` check: the member's files against Tandem's CA (sent on stdin). */
export async function certificateHolds(check: CertificateCheck, ctx: StepContext, issuer: CertificateIssuer | undefined): Promise<boolean> {
  const command = certificateHoldsCommand(memberTlsFiles(check.clusterName), check.address);
  const result = await ctx.shell.exec(check.host, command, { as: 'root', signal: ctx.signal, stdin: await required(issuer).authorityPem() });
  return result.code === 0;
}

export function describeCertificateCheck(check: CertificateCheck): string {
  return `[${check.host} as root] ${certificateHoldsCommand(memberTlsFiles(check.clusterName), check.address).text}\n  (stdin: Tandem's CA certificate)`;
}

export function describeIssue(action: IssueAction): string {
  const files = memberTlsFiles(action.clusterName);
  const names = [...action.addresses.map((address) => `IP:${address}`), ...action.dnsNames.map((name) => `DNS:${name}`)].join(', ');
  return [
    `[${action.host} as root] ${certificateRequestCommand(files).text}`,
    `(Tandem) sign the request with Tandem's CA for ${names}`,
    `[${action.host} as root] ${installAuthorityCommand(files).text}\n  (stdin: Tandem's CA certificate)`,
    `[${action.host} as root] ${installCertificateCommand(files).text}\n  (stdin: the signed certificate)`,
  ].join('\n');
}

/** Makes a key and request on the member, has Tandem's CA sign it, installs CA certificate and certificate. */
export async function issueCertificate(action: IssueAction, ctx: StepContext, issuer: CertificateIssuer | undefined): Promise<void> {
  const ca = required(issuer);
  const files = memberTlsFiles(action.clusterName);
  const run = async (command: ReturnType<typeof certificateRequestCommand>, what: string, stdin?: string) => {
    const result = await ctx.shell.exec(action.host, command, { as: 'root', signal: ctx.signal, timeoutMs: 30_000, ...(stdin === undefined ? {} : { stdin }) });
    if (result.code !== 0) throw new StepFailure(asSentence(`Could not ${what} on ${action.host}: ${lastLine(result.stderr) || `exit ${result.code ?? 'signal'}`}`));
    return result.stdout;
  };
  const csrPem = await run(certificateRequestCommand(files), 'make a key and certificate request');
  const { certPem } = await ca.issue({ host: action.host, csrPem, addresses: action.addresses, dnsNames: action.dnsNames });
  await run(installAuthorityCommand(files), 'install Tandem\'s CA certificate', await ca.authorityPem());
  const installed = await run(installCertificateCommand(files), 'install the certificate', certPem);
  for (const line of installed.trim().split('\n')) ctx.log(line);
}
