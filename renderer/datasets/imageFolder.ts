/**
 * Reading a chosen folder as an image dataset, the pure part: files grouped by the folder they sit in
 * (one sub-folder per class), files that are not images counted, and a folder that cannot be
 * classified explained.
 */
import { plural } from '../../engine/model/plural';

/** A file as a directory picker lists it: its path relative to the chosen folder's parent. */
export interface FolderEntry {
  /** "pets/cat/1.png" (webkitRelativePath). */
  path: string;
  /** MIME type when the browser knows it. */
  type?: string;
}

/** Files grouped into classes, with what was left out. */
export interface ClassFolders<T extends FolderEntry> {
  /** The chosen folder's name. */
  folder: string;
  /** Classes sorted by name, each with its images. */
  classes: { name: string; files: T[] }[];
  /** Files that are not images (by type or extension). */
  notImages: number;
  /** Images directly in the chosen folder, outside any class folder. */
  outsideClasses: number;
}

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'avif']);

/** True when a file is an image the browser can decode, by MIME type or extension. */
export function isImageFile(entry: FolderEntry): boolean {
  if (entry.type) return entry.type.startsWith('image/') && entry.type !== 'image/svg+xml';
  const ext = /\.([^./]+)$/.exec(entry.path)?.[1]?.toLowerCase() ?? '';
  return IMAGE_EXTENSIONS.has(ext);
}

/**
 * Groups images by the folder that holds them (its name is the class), so "pets/train/cat/1.png" and
 * "pets/test/cat/2.png" are both 'cat'. Hidden files (".DS_Store") count as non-images.
 */
export function groupByClassFolder<T extends FolderEntry>(files: readonly T[]): ClassFolders<T> {
  const byClass = new Map<string, T[]>();
  let notImages = 0;
  let outsideClasses = 0;
  let folder = '';
  for (const file of files) {
    const parts = file.path.split('/').filter((p) => p !== '');
    folder ||= parts.length > 1 ? parts[0] : '';
    const name = parts[parts.length - 1] ?? '';
    if (name.startsWith('.') || !isImageFile(file)) {
      notImages++;
      continue;
    }
    if (parts.length < 3) {
      outsideClasses++;
      continue;
    }
    const className = parts[parts.length - 2];
    const list = byClass.get(className) ?? [];
    list.push(file);
    byClass.set(className, list);
  }
  const classes = [...byClass.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, files: list }));
  return { folder, classes, notImages, outsideClasses };
}

/** Why a grouped folder cannot become a dataset, or null when it can. */
export function classFoldersProblem(groups: ClassFolders<FolderEntry>): { message: string; hint: string } | null {
  const name = groups.folder ? `“${groups.folder}”` : 'The folder';
  if (groups.classes.length < 2) {
    const found = groups.classes.length === 1 ? `only one class folder (“${groups.classes[0].name}”)` : 'no sub-folders with images';
    return {
      message: `${name} has ${found}; a classifier needs at least 2 classes.`,
      hint: 'Choose a folder with one sub-folder per class, e.g. pets/cat/*.png and pets/dog/*.png.',
    };
  }
  const single = groups.classes.filter((c) => c.files.length < 2).map((c) => c.name);
  if (single.length > 0) {
    return { message: `${single.length === 1 ? 'Class folder' : 'Class folders'} ${single.map((c) => `“${c}”`).join(', ')} ${single.length === 1 ? 'holds' : 'hold'} fewer than 2 images.`, hint: 'Add images to them, or remove those folders.' };
  }
  return null;
}

/** One line summarising an import: images per class and what was skipped. */
export function folderSummary(groups: ClassFolders<FolderEntry>, failed: number): string {
  const images = groups.classes.reduce((n, c) => n + c.files.length, 0);
  const skipped = [
    groups.notImages > 0 ? `${plural(groups.notImages, 'non-image file')} skipped` : '',
    groups.outsideClasses > 0 ? `${plural(groups.outsideClasses, 'image')} outside class folders skipped` : '',
    failed > 0 ? `${plural(failed, 'image')} could not be read` : '',
  ].filter(Boolean);
  return `${plural(images - failed, 'image')} in ${plural(groups.classes.length, 'class', 'classes')}${skipped.length ? ` (${skipped.join('; ')})` : ''}.`;
}
