/**
 * Proxies as the Actions toolkit (@actions/http-client) honours them, for every HTTP client of the action:
 * `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http ones, never for loopback hosts, and
 * not for a host `no_proxy`/`NO_PROXY` names (`*`, a host, `host:port`, a domain suffix, with or without a leading
 * dot). Self-hosted runners often reach the internet only through one. Node 24's agents do the tunnelling.
 */
import * as http from "node:http";
import * as https from "node:https";

const agents = new Map<string, http.Agent>();

/** The agent a request to `url` goes through: a proxying one, or undefined for a direct connection. */
export function proxyAgent(url: URL, env: NodeJS.ProcessEnv = process.env): http.Agent | undefined {
  const secure = url.protocol === "https:";
  const proxy = secure ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
  if (!proxy || bypassesProxy(url, env)) return undefined;
  const id = `${url.protocol}${proxy}`;
  let agent = agents.get(id);
  if (agent === undefined) {
    // The bypass is decided above, by the toolkit's rules: Node's agent is told of the proxy alone.
    const proxyEnv = secure ? { HTTPS_PROXY: proxy } : { HTTP_PROXY: proxy };
    agent = secure
      ? new https.Agent({ keepAlive: true, proxyEnv })
      : new http.Agent({ keepAlive: true, proxyEnv });
    agents.set(id, agent);
  }
  return agent;
}

/** Whether `url` is reached directly although a proxy is set: loopback, or named by NO_PROXY. */
export function bypassesProxy(url: URL, env: NodeJS.ProcessEnv = process.env): boolean {
  const host = url.hostname.toLowerCase();
  if (host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "[0:0:0:0:0:0:0:1]") {
    return true;
  }
  const noProxy = env.no_proxy || env.NO_PROXY || "";
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const names = [host, `${host}:${port}`];
  return noProxy
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== "")
    .some(
      (item) =>
        item === "*" ||
        names.some(
          (name) =>
            name === item || name.endsWith(`.${item}`) || (item.startsWith(".") && name.endsWith(item)),
        ),
    );
}

/**
 * The `no_proxy` later steps need so that Nix's own downloads from a read server on 127.0.0.1 stay off the proxy:
 * curl, which Nix downloads with, sends even loopback requests through `http_proxy` or `all_proxy` unless
 * `no_proxy` (else `NO_PROXY`) names them. Undefined when no such proxy is set, or loopback is named already.
 */
export function noProxyForLoopback(env: NodeJS.ProcessEnv): string | undefined {
  if (!(env.http_proxy || env.all_proxy || env.ALL_PROXY)) return undefined;
  // Read as the action's own requests read it (bypassesProxy), which later steps' processes of the action inherit.
  const items = (env.no_proxy || env.NO_PROXY || "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  // Only these: curl before 7.86 reads no CIDR ranges.
  if (items.some((item) => item === "*" || item === "127.0.0.1")) return undefined;
  return [...items, "127.0.0.1"].join(",");
}
