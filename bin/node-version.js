// The oldest Node.js the app and its dependencies run on (vite 8 needs 20.19; require() of ES
// modules, which some dependencies rely on, is unflagged from 20.19 too). Kept in plain JavaScript
// so it runs before anything that an older Node could fail to load.
export const MINIMUM_NODE = [20, 19];

/** Why this Node.js version cannot run Winsight, or null when it can. */
export function nodeVersionProblem(version) {
  const [major, minor] = version.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `Node.js ${needMajor}.${needMinor} or later is needed (this is ${version}); install a current Node.js LTS and try again.`;
}
