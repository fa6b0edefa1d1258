/**
 * The job's AWS credentials, from where the AWS tools look: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN (what aws-actions/configure-aws-credentials exports after GitHub OIDC), else a profile's static
 * keys in the shared files (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, then AWS_CONFIG_FILE or
 * ~/.aws/config). A profile that runs a program (`credential_process`) or signs in through SSO is refused by name:
 * the action never runs another program to get a secret. Messages name where a key was looked for, never its value.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Credentials } from "../../lib/sigv4.js";

export interface CredentialSource {
  readonly env: NodeJS.ProcessEnv;
  /** Reads a file, or undefined when there is none (by default, from disk). */
  readonly readFile?: (path: string) => string | undefined;
  /** The profile named in the cache URL, if any (else AWS_PROFILE, else "default"). */
  readonly profile?: string;
}

export interface FoundCredentials {
  readonly credentials: Credentials;
  /** Where they came from, for messages: "the environment" or "profile X in FILE". */
  readonly source: string;
}

/** The credentials; undefined when there are none (read-only through a public bucket); throws when unusable. */
export function findCredentials(from: CredentialSource): FoundCredentials | undefined {
  const { env } = from;
  const id = env.AWS_ACCESS_KEY_ID?.trim();
  const secret = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (id || secret) {
    if (!id || !secret) {
      throw new Error("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be given together");
    }
    const token = env.AWS_SESSION_TOKEN?.trim() || undefined;
    return {
      credentials: { accessKeyId: id, secretAccessKey: secret, sessionToken: token },
      source: "the environment",
    };
  }
  const profile = from.profile || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || "default";
  const home = env.HOME || homedir();
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials");
  const configFile = env.AWS_CONFIG_FILE || join(home, ".aws", "config");
  const readFile = from.readFile ?? readTextFile;
  const inCredentials = section(readFile(credentialsFile), profile);
  const inConfig = section(readFile(configFile), profile === "default" ? "default" : `profile ${profile}`);
  for (const [values, file] of [
    [inCredentials, credentialsFile],
    [inConfig, configFile],
  ] as const) {
    if (values === undefined) continue;
    for (const unsupported of [
      "credential_process",
      "sso_session",
      "sso_start_url",
      "role_arn",
      "web_identity_token_file",
    ]) {
      if (values.has(unsupported)) {
        throw new Error(
          `profile '${profile}' in ${file} uses ${unsupported}, which this action does not run or follow: give ` +
            "static keys, or export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in an earlier step " +
            "(aws-actions/configure-aws-credentials does)",
        );
      }
    }
    const fileId = values.get("aws_access_key_id");
    const fileSecret = values.get("aws_secret_access_key");
    if (fileId || fileSecret) {
      if (!fileId || !fileSecret) {
        throw new Error(
          `profile '${profile}' in ${file} needs both aws_access_key_id and aws_secret_access_key`,
        );
      }
      const token = values.get("aws_session_token") || undefined;
      return {
        credentials: { accessKeyId: fileId, secretAccessKey: fileSecret, sessionToken: token },
        source: `profile '${profile}' in ${file}`,
      };
    }
  }
  if (from.profile !== undefined || env.AWS_PROFILE) {
    throw new Error(`profile '${profile}' has no keys in ${credentialsFile} or ${configFile}`);
  }
  return undefined;
}

/** The `name = value` lines of `[name]` in an INI file. */
function section(text: string | undefined, name: string): Map<string, string> | undefined {
  if (text === undefined) return undefined;
  let inside = false;
  let found: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      inside = header[1]?.trim() === name;
      if (inside) found ??= new Map();
      continue;
    }
    const eq = line.indexOf("=");
    if (inside && eq > 0) found?.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return found;
}

function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
