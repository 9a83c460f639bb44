import { describe, expect, it } from 'vitest';
import { classFoldersProblem, folderSummary, groupByClassFolder, isImageFile } from '../../../renderer/datasets/imageFolder';

const files = (...paths: string[]) => paths.map((path) => ({ path }));

describe('image folder import', () => {
  it('groups images by the folder holding them and counts what it skips', () => {
    const groups = groupByClassFolder(
      files('pets/cat/1.png', 'pets/cat/2.JPG', 'pets/dog/a.jpeg', 'pets/dog/b.webp', 'pets/dog/notes.txt', 'pets/.DS_Store', 'pets/cover.png', 'pets/dog/.hidden.png'),
    );
    expect(groups.folder).toBe('pets');
    expect(groups.classes.map((c) => [c.name, c.files.map((f) => f.path)])).toEqual([
      ['cat', ['pets/cat/1.png', 'pets/cat/2.JPG']],
      ['dog', ['pets/dog/a.jpeg', 'pets/dog/b.webp']],
    ]);
    expect(groups.notImages).toBe(3);
    expect(groups.outsideClasses).toBe(1);
    expect(classFoldersProblem(groups)).toBeNull();
    expect(folderSummary(groups, 1)).toBe('3 images in 2 classes (3 non-image files skipped; 1 image outside class folders skipped; 1 image could not be read).');
  });

  it('merges train/test splits of the same class', () => {
    const groups = groupByClassFolder(files('digits/train/0/a.png', 'digits/test/0/b.png', 'digits/train/1/c.png', 'digits/test/1/d.png'));
    expect(groups.classes.map((c) => [c.name, c.files.length])).toEqual([
      ['0', 2],
      ['1', 2],
    ]);
  });

  it('explains a folder without at least two class folders', () => {
    expect(classFoldersProblem(groupByClassFolder(files('shots/a.png', 'shots/b.png')))?.message).toBe('“shots” has no sub-folders with images; a classifier needs at least 2 classes.');
    expect(classFoldersProblem(groupByClassFolder(files('shots/cat/a.png', 'shots/cat/b.png')))?.message).toMatch(/only one class folder \(“cat”\)/);
    expect(classFoldersProblem(groupByClassFolder(files('p/cat/a.png', 'p/cat/b.png', 'p/dog/c.png')))?.message).toMatch(/^Class folder “dog” holds fewer than 2 images/);
  });

  it('trusts the MIME type when the browser gives one', () => {
    expect(isImageFile({ path: 'x/y/scan', type: 'image/png' })).toBe(true);
    expect(isImageFile({ path: 'x/y/logo.svg', type: 'image/svg+xml' })).toBe(false);
    expect(isImageFile({ path: 'x/y/a.png', type: 'text/plain' })).toBe(false);
  });
});
