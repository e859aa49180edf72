/**
 * How a cell compares and reads, shared by the comparison and every report format so a value is
 * shown the same way everywhere. Two cells agree when their source (module source, image
 * repository, provider source) and their version are equal.
 */
import type { ItemCategory, VersionCell, VersionItem } from '../model/versions.js';

type PresentCell = Extract<VersionCell, { state: 'pinned' | 'unpinned' }>;

export const UNPINNED_TEXT = '(unpinned)';
export const ABSENT_TEXT = '-';
export const NOT_ASSESSED_TEXT = '?';

export function isPresent(cell: VersionCell | undefined): cell is PresentCell {
  return cell?.state === 'pinned' || cell?.state === 'unpinned';
}

export function compareKey(cell: PresentCell): string {
  return `${cell.source ?? ''}\u0000${cell.state === 'pinned' ? cell.value : UNPINNED_TEXT}`;
}

/** True when the present cells of a row name different sources: then every cell shows its source too. */
export function rowShowsSource(item: VersionItem): boolean {
  const sources = new Set(
    Object.values(item.cells)
      .filter(isPresent)
      .map((cell) => cell.source ?? ''),
  );
  return sources.size > 1;
}

/** The text of a cell: the version, `(unpinned)`, `-` (absent) or `?` (not assessed). */
export function cellText(cell: VersionCell | undefined, withSource = false): string {
  if (!cell || cell.state === 'absent') return ABSENT_TEXT;
  if (cell.state === 'not-assessed') return NOT_ASSESSED_TEXT;
  const version = cell.state === 'pinned' ? cell.value : UNPINNED_TEXT;
  return withSource && cell.source ? `${cell.source} ${version}` : version;
}

const CATEGORY_LABEL: Readonly<Record<ItemCategory, string>> = {
  module: 'module',
  provider: 'provider (lock file)',
  required_provider: 'provider constraint',
  required_version: 'Terraform version constraint',
  ami: 'AMI',
  image: 'container image',
  vm_template: 'VM template',
  vm_hardware: 'VM hardware version',
};

export function categoryLabel(category: ItemCategory): string {
  return CATEGORY_LABEL[category];
}
