/**
 * Host names /__mock answers at without an admin token (`--control-hosts`), against DNS rebinding: a
 * page on evil.example re-pointed at the mock sends `Host: evil.example`, so Host must be a loopback
 * name, an IP address, or a name the operator lists (the one a proxy in front sends).
 */
export type ControlHosts = readonly string[];

/** A host name (or `*.` and a domain, for any name under it), with an optional port. */
const ENTRY = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?(:\d{1,5})?$/;

/** `--control-hosts` as a list, lower-cased; a malformed entry stops start-up naming it. */
export function controlHostList(text: string): ControlHosts {
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!ENTRY.test(entry)) throw new Error(`controlHosts (--control-hosts) must list host names, each optionally with :port or as *.domain, got "${entry}"`);
  }
  return entries;
}

/** `localhost`, `*.localhost`, an IPv4 address or a bracketed IPv6 one: no DNS name a page could re-point. */
const UNREBINDABLE = /^((.*\.)?localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[[0-9a-f:.]+\])$/;

/** Whether /__mock may answer a request that names this Host (without an admin token), with or without a port. */
export function allowsHost(hosts: ControlHosts, host: string): boolean {
  const named = host.trim().toLowerCase();
  if (UNREBINDABLE.test(named.replace(/:\d*$/, ''))) return true;
  const wanted = nameAndPort(named);
  return hosts.some((entry) => {
    const listed = nameAndPort(entry);
    if (listed.port !== undefined && listed.port !== wanted.port) return false;
    return listed.name.startsWith('*.') ? wanted.name.endsWith(listed.name.slice(1)) : wanted.name === listed.name;
  });
}

/** `Name.Example.:8080` -> {name: 'name.example', port: '8080'} (a trailing dot is the same name). */
function nameAndPort(host: string): { name: string; port: string | undefined } {
  const port = /:(\d*)$/.exec(host)?.[1];
  return { name: host.replace(/:\d*$/, '').replace(/\.$/, ''), port: port === '' ? undefined : port };
}
