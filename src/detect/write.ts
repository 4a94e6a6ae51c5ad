// writePackage: puts a built package on disk (creates folders; never deletes anything).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { DetectionPackage } from './model.js';

export async function writePackage(pkg: DetectionPackage, dir: string): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const f of pkg.files) {
    const target = resolve(join(root, f.path));
    if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${f.path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content, 'utf8');
    written.push(target);
  }
  return written;
}
