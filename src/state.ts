/**
 * What setup hands to post, kept in the step's state (the runner passes it back as STATE_*): the changes post must
 * undo, what it pushes, and what the cache backend keeps for post, in its own typed, versioned shape.
 */
import type { CacheHandOver } from "./cache/create-cache.js";
import type { SystemConfigChange } from "./nix/system-config.js";

/** Push: post pushes; read-only: secrets were missing; off: skipPush, or the cache is out of use this job. */
export type PushMode = "push" | "read-only" | "off";

export interface SetupState {
  readonly version: 2;
  readonly storeDir: string;
  /** Nix's version as setup found it: post chooses its commands' flags by it. */
  readonly nixVersion?: string;
  readonly mode: PushMode;
  /** Why the mode is "off" when cache trouble (not the inputs) made it so: post says it once. */
  readonly offReason?: string;
  /**
   * File listing the store's entries when setup ran: what post pushes (unless `pathsToPush` is given), and what the
   * report of the cache's use for this job is made from, in every mode.
   */
  readonly snapshotFile?: string;
  /** This cache's public keys (`name:base64`): a new path signed by one came from it. */
  readonly cacheKeys?: readonly string[];
  /** What the cache backend keeps from setup (see ReadAccess.handOver). */
  readonly cache?: CacheHandOver;
  /** A block setup adds (or added) to the system nix.conf, which post removes. Saved before it is written. */
  readonly systemChange?: SystemConfigChange;
  /** The background pusher's directory (0700): its pid, log and what it published. Saved before it starts. */
  readonly pusherDir?: string;
  /** A process the cache backend left serving Nix (the Actions cache's read server): post ends it first. */
  readonly serverDir?: string;
  /** The private netrc setup writes (it holds tokens), which post deletes. Saved before it is written. */
  readonly netrcFile?: string;
}

export function encodeSetupState(state: SetupState): string {
  return JSON.stringify(state);
}

/** The state setup saved, or undefined when it saved none (it did not get that far) or one of another shape. */
export function decodeSetupState(text: string): SetupState | undefined {
  if (text === "") return undefined;
  const state = JSON.parse(text) as Partial<SetupState>;
  return state.version === 2 && typeof state.storeDir === "string" ? (state as SetupState) : undefined;
}
