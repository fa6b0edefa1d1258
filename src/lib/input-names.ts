/** Input names exactly as action.yml declares them. */
export const INPUT_NAMES = {
  cacheUrl: "cacheUrl",
  name: "name",
  extraPullNames: "extraPullNames",
  cachixHost: "cachixHost",
  signingKey: "signingKey",
  publicKey: "publicKey",
  authToken: "authToken",
  authUser: "authUser",
  skipPush: "skipPush",
  skipAddingSubstituter: "skipAddingSubstituter",
  pathsToPush: "pathsToPush",
  pushFilter: "pushFilter",
  upstreamKeys: "upstreamKeys",
  compressionLevel: "compressionLevel",
  pushTimeout: "pushTimeout",
  pushWhileBuilding: "pushWhileBuilding",
  useDaemon: "useDaemon",
  strict: "strict",
  cacheKey: "cacheKey",
  cacheSizeLimit: "cacheSizeLimit",
} as const;

export type InputName = (typeof INPUT_NAMES)[keyof typeof INPUT_NAMES];
