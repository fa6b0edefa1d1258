/** What setup hands to post, kept in the step's state (the runner passes it back as STATE_*). */
import * as core from "@actions/core";
import type { SystemConfigChange } from "./nix/system-config.js";

const STATE_KEY = "nix-binary-cache";

/** Push: post pushes; read-only: secrets were missing; off: skipPush, or the cache is out of use this job. */
export type PushMode = "push" | "read-only" | "off";

export interface SetupState {
  readonly version: 1;
  readonly storeDir: string;
  /** Nix's version as setup found it: post chooses its commands' flags by it. */
  readonly nixVersion?: string;
  readonly mode: PushMode;
  /** Why the mode is "off" when cache trouble (not the inputs) made it so: post says it once. */
  readonly offReason?: string;
  /** File listing the store's entries when setup ran; absent when `pathsToPush` decides what is pushed. */
  readonly snapshotFile?: string;
  /** What the cache backend asked to keep from setup (see ReadAccess.saved). */
  readonly cache?: Readonly<Record<string, string>>;
  /** A block setup adds (or added) to the system nix.conf, which post removes. Saved before it is written. */
  readonly systemChange?: SystemConfigChange;
  /** The private netrc setup writes (it holds tokens), which post deletes. Saved before it is written. */
  readonly netrcFile?: string;
}

/** Saves setup's state for the post step; throws when the runner's state file cannot be written (a full disk). */
export function saveSetupState(state: SetupState): void {
  core.saveState(STATE_KEY, JSON.stringify(state));
}

/** The state setup saved, or undefined when setup did not get that far (post then has nothing to do). */
export function loadSetupState(): SetupState | undefined {
  const text = core.getState(STATE_KEY);
  if (text === "") return undefined;
  const state = JSON.parse(text) as SetupState;
  return state.version === 1 ? state : undefined;
}
