import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Folders that are never a corpus. A corpus folder comes from settings a workspace can carry, so
 * a hostile or mistaken one could otherwise make the loader read (and index, and show) the whole
 * disk, the user's home with its keys and mail, or the system's configuration.
 */
export interface RootRules {
  /** Default: os.homedir(). */
  home?: string;
  /** Default: process.platform; decides path syntax, case sensitivity and the system folders. */
  platform?: NodeJS.Platform;
  /** Default: os.tmpdir(), which on macOS lies under /var. */
  temp?: string;
  /**
   * Folders the program ships (its sample corpus): a global install puts them under /usr, and
   * they are the program's own files, not something a workspace chose.
   */
  shipped?: readonly string[];
}

const POSIX_SYSTEM = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr', '/var'];
const MACOS_SYSTEM = ['/System', '/Library', '/private'];
const WINDOWS_SYSTEM = ['Windows', 'Program Files', 'Program Files (x86)', 'ProgramData'];

/**
 * User-writable places inside system folders: temporary folders, where Linux desktops mount
 * removable drives (/run/media) and network shares (gvfs).
 */
const POSIX_USER_PLACES = ['/var/tmp', '/run/media', '/private/tmp', '/private/var/tmp', '/var/folders', '/private/var/folders'];
const GVFS = /^\/run\/user\/[^/]+\/gvfs(\/|$)/;

/** Where the bundles run from (dist/), the sample corpus sits beside them, as the CLI and server locate it. */
const SHIPPED = [path.join(__dirname, '..', 'corpus')];

const SUFFIX = '; choose the folder that holds your sources';

function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Why `folder` may not be walked, without the advice: "/etc is a system folder". Undefined when it may. */
export function rootRefusal(folder: string, rules: RootRules = {}): string | undefined {
  const platform = rules.platform ?? process.platform;
  const p = pathsFor(platform);
  // APFS and NTFS compare names case-insensitively by default: /usr and /USR are the same folder.
  const fold = platform === 'win32' || platform === 'darwin' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const norm = (s: string): string => fold(p.resolve(s));
  const within = (child: string, parent: string): boolean => {
    const rel = p.relative(parent, child);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
  };
  const atOrWithin = (child: string, parent: string): boolean => child === parent || within(child, parent);

  const shown = p.resolve(folder);
  const target = fold(shown);
  // A share's root (\\server\share) is where a newsroom keeps its files, not a whole disk.
  if (platform === 'win32' ? /^([a-z]:)?\\$/i.test(shown) : shown === '/') return `${shown} is the whole disk`;

  const rawHome = rules.home ?? os.homedir();
  const home = rawHome && p.isAbsolute(rawHome) ? norm(rawHome) : undefined;
  if (home && target === home) return `${shown} is your whole home folder`;
  if (home && within(target, home)) return undefined;
  const rawTemp = rules.temp ?? os.tmpdir();
  if (rawTemp && p.isAbsolute(rawTemp) && atOrWithin(target, norm(rawTemp))) return undefined;
  if ((rules.shipped ?? SHIPPED).some((s) => atOrWithin(target, norm(s)))) return undefined;
  if (home && within(home, target)) return `${shown} holds your home folder`;

  let system: string[];
  if (platform === 'win32') {
    const drive = p.parse(shown).root;
    system = /^[a-z]:\\$/i.test(drive) ? WINDOWS_SYSTEM.map((name) => p.join(drive, name)) : [];
  } else {
    if (POSIX_USER_PLACES.some((place) => atOrWithin(target, norm(place))) || GVFS.test(target)) return undefined;
    system = platform === 'darwin' ? [...POSIX_SYSTEM, ...MACOS_SYSTEM] : POSIX_SYSTEM;
  }
  for (const folderOfSystem of system) {
    const normalised = norm(folderOfSystem);
    if (target === normalised) return `${shown} is a system folder`;
    if (within(target, normalised)) return `${shown} is inside the system folder ${folderOfSystem}`;
  }
  return undefined;
}

/**
 * Why `folder` is refused as a corpus root (the whole disk, the home folder itself or a folder
 * holding it, a system folder or anything inside one), as shown to the user; undefined when it
 * may be read. Only the path is looked at: the caller checks the resolved path of a symbolic link too.
 */
export function refusedCorpusRoot(folder: string, rules: RootRules = {}): string | undefined {
  const why = rootRefusal(folder, rules);
  return why === undefined ? undefined : `corpus folder refused: ${why}${SUFFIX}`;
}
