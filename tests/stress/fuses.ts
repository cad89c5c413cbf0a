/**
 * The `electronFuses:` block of electron-builder.yml as key → raw value. A
 * line-based reading (no YAML package is installed): the block ends at the
 * next line that is not indented; comments are ignored.
 */
export function fusesOf(yaml: string): Record<string, string> {
  const fuses: Record<string, string> = {};
  let inBlock = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^electronFuses:\s*$/.test(line)) {
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    if (/^\S/.test(line)) break;
    const match = /^\s+([A-Za-z]+):\s*([^#\s]+)\s*(#.*)?$/.exec(line);
    if (match?.[1] && match[2]) fuses[match[1]] = match[2];
  }
  return fuses;
}

/** The fuses Kith needs and their values: no running as Node, no NODE_OPTIONS, no --inspect, the app only from its checked asar. */
export const REQUIRED_FUSES: Readonly<Record<string, string>> = {
  runAsNode: 'false',
  enableNodeOptionsEnvironmentVariable: 'false',
  enableNodeCliInspectArguments: 'false',
  onlyLoadAppFromAsar: 'true',
  enableEmbeddedAsarIntegrityValidation: 'true',
  grantFileProtocolExtraPrivileges: 'false',
};
