/**
 * What the proxy tests need to send https through a CONNECT proxy to a name that is not loopback: a certificate
 * made for that name (openssl), and a proxy that counts the tunnels it is asked for and opens each one to a
 * loopback port, whatever host it names (the names resolve nowhere).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import path from "node:path";

export interface TestCertificate {
  readonly key: Buffer;
  /** PEM; also in `certFile`, e.g. for NODE_EXTRA_CA_CERTS. */
  readonly cert: string;
  readonly certFile: string;
}

/** A self-signed certificate for `name`, valid a day, written into `dir`. */
export function makeCertificate(dir: string, name: string): TestCertificate {
  const keyFile = path.join(dir, `${name}.key.pem`);
  const certFile = path.join(dir, `${name}.cert.pem`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${name}`,
      "-addext",
      `subjectAltName=DNS:${name}`,
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile), cert: readFileSync(certFile, "utf8"), certFile };
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT, for HTTPS_PROXY. */
  readonly url: string;
  /** Every tunnel asked for, as `host:port`, in order. */
  readonly tunnels: string[];
  close(): Promise<void>;
}

/** A CONNECT proxy that tunnels every request to 127.0.0.1:`targetPort`. */
export async function startConnectProxy(targetPort: number): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const server = createServer();
  server.on("connect", (request, socket, head) => {
    tunnels.push(String(request.url));
    const upstream = connect(targetPort, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
